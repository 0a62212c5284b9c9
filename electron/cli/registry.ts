import type { CliCommand } from './common';
import { backupCommand, restoreCommand } from './backup';

/**
 * Every CLI command, by name. Multi-word commands ("import routes", "token create") are keyed with
 * a space; the longest matching name wins. Add one line per command module.
 */
export const commands: Record<string, CliCommand> = {
  backup: backupCommand,
  restore: restoreCommand,
};
