// drizzle-kit finds tables among a schema module's exports; the head-office mirror tables are built at
// run time from the desk's sqlite-core tables (electron/db/pg/mirror.ts), so this shim exports them
// by name for `npm run db:generate` (drizzle.pg.config.ts). drizzle-kit compiles the .ts it requires.
/* eslint-disable @typescript-eslint/no-require-imports -- drizzle-kit require()s this file */
const { mirrorTables } = require('./mirror.ts');
const headOffice = require('./head-office.ts');
module.exports = { ...headOffice, ...Object.fromEntries(mirrorTables().map((t) => [t.name, t.pg])) };
