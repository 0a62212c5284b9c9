/** An honest placeholder for a screen whose feature has not landed yet. */
export function NotYet({ title, what }: { title: string; what: string }) {
  return (
    <div className="empty-state" role="status">
      <h2>{title}</h2>
      <p>{what}</p>
      <p className="muted">Not built yet in this version.</p>
    </div>
  );
}
