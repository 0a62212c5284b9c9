import type { CliCommand } from './common';
import { importFleetCommand, importInspectionsCommand } from './import-fleet';
import { backupCommand, restoreCommand } from './backup';
import { importScorecardCommand } from './import-scorecard';
import { serveCommand } from './serve';
import { simulateCommand } from './simulate';
import { tokenCreateCommand, tokenListCommand, tokenRevokeCommand } from './token';

/**
 * Every CLI command, by name. Multi-word commands ("import routes", "token create") are keyed with
 * a space; the longest matching name wins. Add one line per command module.
 */
export const commands: Record<string, CliCommand> = {
  'import fleet': importFleetCommand, 'import inspections': importInspectionsCommand,
  backup: backupCommand,
  restore: restoreCommand,
  'import scorecard': importScorecardCommand,
  serve: serveCommand,
  simulate: simulateCommand,
  'token create': tokenCreateCommand, 'token list': tokenListCommand, 'token revoke': tokenRevokeCommand,
};
