import fs from 'node:fs';
import { backupTo, restoreFrom } from '../db/open';
import { CliError, dbOption, EXIT, openDesk, parseOptions, printJson, resolveDb, type CliCommand } from './common';

export const backupCommand: CliCommand = {
  usage: 'backup --db PATH --to FILE [--json]',
  summary: 'Copy the station database (safe while the app runs)',
  async run(argv) {
    const { values } = parseOptions(argv, { ...dbOption, to: { type: 'string' }, json: { type: 'boolean' } });
    if (!values.to) throw new CliError('missing --to FILE');
    const db = resolveDb(values.db);
    if (!fs.existsSync(db)) throw new CliError(`no database at ${db}`);
    const { opened } = openDesk(db);
    try {
      backupTo(opened.sqlite, values.to);
    } finally {
      opened.close();
    }
    if (values.json) printJson({ ok: true, db, backup: values.to, bytes: fs.statSync(values.to).size });
    else process.stdout.write(`Backed up ${db} to ${values.to}\n`);
    return EXIT.OK;
  },
};

export const restoreCommand: CliCommand = {
  usage: 'restore --db PATH --from FILE [--json]',
  summary: 'Replace the station database with a backup (stop the app first); the old file is kept',
  async run(argv) {
    const { values } = parseOptions(argv, { ...dbOption, from: { type: 'string' }, json: { type: 'boolean' } });
    if (!values.from) throw new CliError('missing --from FILE');
    const db = resolveDb(values.db);
    const { keptPrevious } = restoreFrom(db, values.from);
    // Open once so a backup from an older version is migrated (after its own automatic backup).
    openDesk(db).opened.close();
    if (values.json) printJson({ ok: true, db, restoredFrom: values.from, keptPrevious });
    else process.stdout.write(`Restored ${db} from ${values.from}${keptPrevious ? ` (previous file kept as ${keptPrevious})` : ''}\n`);
    return EXIT.OK;
  },
};
