import { defineConfig } from 'drizzle-kit';

// The head office's PostgreSQL migrations, generated from the mirror of the desk's tables
// (electron/db/pg/mirror.ts) plus its own tables: `npm run db:generate` writes both dialects.
export default defineConfig({
  dialect: 'postgresql',
  schema: './electron/db/pg/drizzle-kit-schema.cjs',
  out: './electron/db/pg-migrations',
});
