import type { CliCommand } from './common';
import { importRosterCommand } from './import-roster'; import { seedDemoCommand } from './seed-demo';
import { importFleetCommand, importInspectionsCommand } from './import-fleet';
import { backupCommand, restoreCommand } from './backup';
import { assignCommand, importRoutesCommand, solveCommand } from './board';
import { importScorecardCommand } from './import-scorecard';
import { importProgressCommand } from './progress';
import { serveCommand } from './serve';
import { simulateCommand } from './simulate';
import { syncCommand } from './sync';
import { tokenCreateCommand, tokenListCommand, tokenRevokeCommand } from './token';

/**
 * Every CLI command, by name. Multi-word commands ("import routes", "token create") are keyed with
 * a space; the longest matching name wins. Add one line per command module.
 */
export const commands: Record<string, CliCommand> = {
  'import roster': importRosterCommand, 'seed-demo': seedDemoCommand,
  'import fleet': importFleetCommand, 'import inspections': importInspectionsCommand,
  backup: backupCommand,
  'import routes': importRoutesCommand, assign: assignCommand, solve: solveCommand,
  restore: restoreCommand,
  'import scorecard': importScorecardCommand,
  'import progress': importProgressCommand,
  serve: serveCommand,
  simulate: simulateCommand,
  sync: syncCommand,
  'token create': tokenCreateCommand, 'token list': tokenListCommand, 'token revoke': tokenRevokeCommand,
};
