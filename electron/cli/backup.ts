import fs from 'node:fs';
import { backupStation } from '../db/backup';
import { openDatabase } from '../db/open';
import { restoreStation } from '../db/restore';
import { CliError, dbOption, EXIT, parseOptions, printJson, resolveDb, type CliCommand } from './common';

export const backupCommand: CliCommand = {
  usage: 'backup --db PATH --to FILE|FOLDER [--json]',
  summary: 'Copy the station database (safe while the app runs); checked before it gets its name',
  async run(argv) {
    const { values } = parseOptions(argv, { ...dbOption, to: { type: 'string' }, json: { type: 'boolean' } });
    if (!values.to) throw new CliError('missing --to FILE');
    const db = resolveDb(values.db);
    if (!fs.existsSync(db)) throw new CliError(`no database at ${db}`);
    // Read-only and never migrated: a backup must not change the station it copies.
    const opened = openDatabase(db, { readonly: true, migrate: false });
    let result;
    try {
      result = await backupStation(opened.sqlite, db, values.to);
    } finally {
      opened.close();
    }
    if (values.json) printJson({ ok: true, db, backup: result.path, bytes: result.bytes, ms: result.ms });
    else process.stdout.write(`Backed up ${db} to ${result.path}\n`);
    return EXIT.OK;
  },
};

export const restoreCommand: CliCommand = {
  usage: 'restore --db PATH --from FILE [--json]',
  summary: 'Replace the station database with a checked backup (refused while the desk runs); the old one is kept',
  async run(argv) {
    const { values } = parseOptions(argv, { ...dbOption, from: { type: 'string' }, json: { type: 'boolean' } });
    if (!values.from) throw new CliError('missing --from FILE');
    const db = resolveDb(values.db);
    const r = await restoreStation(db, values.from);
    if (values.json) printJson({ ok: true, ...r });
    else {
      process.stdout.write(
        `Restored ${db} from ${r.restoredFrom}` +
          `${r.keptPrevious ? ` (the previous station is kept as ${r.keptPrevious})` : ''}` +
          `${r.migrated ? `; upgraded it with ${r.migrated} migration(s)` : ''}\n`,
      );
    }
    return EXIT.OK;
  },
};
