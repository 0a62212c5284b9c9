import { afterAll, beforeAll, describe, inject } from 'vitest';
import { freshDatabase } from '../helpers/postgres';

/** `describe` that runs with a fresh PostgreSQL database for the file, or skips saying why. */
export function describeWithPostgres(name: string, body: (db: () => string) => void): void {
  const base = inject('pgUrl');
  if (!base) {
    describe.skip(`${name} (skipped: PostgreSQL is not installed)`, () => {});
    return;
  }
  describe(name, () => {
    let url = '';
    let drop: (() => Promise<void>) | null = null;
    beforeAll(async () => {
      ({ url, drop } = await freshDatabase(base));
    });
    afterAll(async () => {
      await drop?.();
    });
    body(() => url);
  });
}
