import type { ReactNode } from 'react';

/**
 * The map's side panel as a list of sections (Flags today; Behind from route progress joins as
 * one more), each with its heading and count. A section with nothing to say still shows its
 * heading, so the panel's shape does not jump.
 */
export interface SideSection {
  key: string;
  title: string;
  count: number;
  render: () => ReactNode;
}

export function SideSections({ sections }: { sections: SideSection[] }) {
  return (
    <div className="side-sections">
      {sections.map((s) => (
        <section key={s.key} className="side-section" aria-labelledby={`side-${s.key}`} data-section={s.key}>
          <h2 id={`side-${s.key}`}>
            {s.title} <span className="count">{s.count}</span>
          </h2>
          {s.render()}
        </section>
      ))}
    </div>
  );
}
