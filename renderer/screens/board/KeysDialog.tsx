import { Dialog } from '../../components/Dialog';

/** Every key the board answers to, as the Keys dialog lists them. */
export const BOARD_KEYS: [string, string][] = [
  ['↑ ↓  PgUp PgDn  Home End', 'Move between routes'],
  ['← →', 'Move between the driver and van cells'],
  ['Enter', 'Open the picker on the cell; type to filter, Enter assigns, Esc cancels'],
  ['Delete', 'Unassign the route'],
  ['S', 'Swap drivers: S on the first route, then S on the second (Esc cancels)'],
  ['P', 'Pin / unpin the assignment (auto-assign keeps pinned ones)'],
  ['Ctrl+Z', 'Undo the last board change'],
  ['Ctrl+Shift+Z  Ctrl+Y', 'Redo'],
  ['/', 'Filter the board'],
  ['C L O N F S', 'In the check-in list: checked in (now), late, called out, no-show, off, scheduled'],
];

export function KeysDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Board keys" onClose={onClose}>
      <div className="shortcuts">
        {BOARD_KEYS.map(([k, what]) => (
          <div key={k} style={{ display: 'contents' }}>
            <span className="nowrap">
              {k.split('  ').map((x) => (
                <kbd key={x} style={{ marginRight: 4 }}>
                  {x}
                </kbd>
              ))}
            </span>
            <span>{what}</span>
          </div>
        ))}
      </div>
    </Dialog>
  );
}
