import { defineConfig } from 'drizzle-kit';

// Schema files live one per area under electron/db/schema/; `npm run db:generate` writes the
// next numbered SQL migration into electron/db/migrations (committed, applied at start-up).
export default defineConfig({
  dialect: 'sqlite',
  schema: './electron/db/schema/*.ts',
  out: './electron/db/migrations',
});
