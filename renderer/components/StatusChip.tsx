import type { ReactNode } from 'react';

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

/**
 * Chip for a date that may run out (licences, rentals, medical cards): "expired 3 days ago",
 * "expires in 12 days" (warn within `warnDays`), or nothing noteworthy (null) when far away.
 */
export function expiryInfo(date: string | null | undefined, today: string, warnDays = 30): { tone: Tone; text: string } | null {
  if (!date) return null;
  const days = Math.round((Date.parse(date + 'T00:00:00Z') - Date.parse(today + 'T00:00:00Z')) / 86_400_000);
  if (Number.isNaN(days)) return null;
  if (days < 0) return { tone: 'bad', text: days === -1 ? 'expired yesterday' : `expired ${-days} days ago` };
  if (days === 0) return { tone: 'bad', text: 'expires today' };
  if (days <= warnDays) return { tone: 'warn', text: days === 1 ? 'expires tomorrow' : `expires in ${days} days` };
  return null;
}

export function ExpiryChip({ date, today, warnDays }: { date: string | null | undefined; today: string; warnDays?: number }) {
  const info = expiryInfo(date, today, warnDays);
  if (!info) return null;
  return <StatusChip tone={info.tone}>{info.text}</StatusChip>;
}
