#!/usr/bin/env node
/**
 * `dispatch-desk <command>` / `npm run -s desk -- <command>`. Exit codes: 0 ok, 2 invalid input,
 * 1 other failure, with a one-line message on stderr.
 */
import { commands } from './cli/registry';
import { EXIT, exitCodeFor } from './cli/common';

function help(): string {
  const lines = Object.entries(commands)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, c]) => `  ${c.usage.padEnd(64)} ${c.summary}`);
  return `Dispatch Desk — station dispatch console\n\nUsage: dispatch-desk <command> [options]\n\n${lines.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const names = Object.keys(commands).sort((a, b) => b.split(' ').length - a.split(' ').length);
  const name = names.find((n) => n.split(' ').every((w, i) => argv[i] === w));
  if (!name) {
    if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
      process.stdout.write(help());
      return argv.length === 0 ? EXIT.INVALID : EXIT.OK;
    }
    process.stderr.write(`dispatch-desk: unknown command "${argv.slice(0, 2).join(' ')}" (try: dispatch-desk help)\n`);
    return EXIT.INVALID;
  }
  const rest = argv.slice(name.split(' ').length);
  if (rest.includes('--help')) {
    process.stdout.write(`Usage: dispatch-desk ${commands[name]!.usage}\n${commands[name]!.summary}\n`);
    return EXIT.OK;
  }
  try {
    return await commands[name]!.run(rest);
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    process.stderr.write(`dispatch-desk ${name}: ${message}\n`);
    return exitCodeFor(err);
  }
}

// Long-running commands (serve, simulate) keep the process alive themselves; others exit here.
const isEntry = process.argv[1] && /cli\.(ts|js|cjs|mjs)$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== EXIT.OK || !process.env.DESK_CLI_KEEPALIVE) process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`dispatch-desk: ${(err as Error).message}\n`);
      process.exitCode = EXIT.FAILURE;
    },
  );
}
