import type { ReactNode } from 'react';
import { expiryWords, type ExpiryState, type ExpiryStatus } from '../../shared/expiry';

/** The five tones of the design system; every chip also carries words, never colour alone. */
export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'neutral';

/**
 * A status chip: coloured pill with a dot and a label (`<StatusChip tone="bad">Grounded</StatusChip>`).
 * `plain` drops the dot (for tags such as qualifications). `title` gives a hover explanation.
 */
export function StatusChip({ tone = 'neutral', children, title, plain }: { tone?: Tone; children: ReactNode; title?: string; plain?: boolean }) {
  return (
    <span className={`chip chip-${tone}${plain ? ' plain' : ''}`} title={title}>
      {children}
    </span>
  );
}

const EXPIRY_TONE: Record<ExpiryState, Tone | null> = { expired: 'bad', expiring: 'warn', valid: null };

/**
 * Chip for a date that may run out (licences, medical cards, van documents), from the shared rule's
 * status (shared/expiry.ts with the station's window): "expired 3 days ago", "expires today",
 * "expires in 12 days", or nothing when it is still far away. `words` rewords it (e.g. rentals).
 */
export function ExpiryChip({ status, words = expiryWords }: { status: ExpiryStatus | null | undefined; words?: (s: ExpiryStatus) => string }) {
  const tone = status ? EXPIRY_TONE[status.state] : null;
  if (!status || !tone) return null;
  return <StatusChip tone={tone}>{words(status)}</StatusChip>;
}
