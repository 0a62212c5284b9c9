import { call } from '../services/dispatch';
import { CliError, dbOption, EXIT, openDesk, parseOptions, printJson, resolveDb, type CliCommand } from './common';
import { fileImportCommand } from './import-file';
import { solveAssignment } from '../../shared/solver/assignment';
import { isValidDate } from '../../shared/station-time';

const dateOf = (v: string | undefined, required: boolean): string | undefined => {
  if (v === undefined) {
    if (required) throw new CliError('missing --date YYYY-MM-DD');
    return undefined;
  }
  if (!isValidDate(v)) throw new CliError(`--date must be a date as YYYY-MM-DD (got "${v}")`);
  return v;
};

/**
 * `import routes FILE --db PATH --date YYYY-MM-DD [--dry-run] [--json]`: prints
 * the RouteImportResult (`{"ok","routes","added","changed","removed","errors","warnings","skippedOtherDsp",
 * "skippedBlankCode","read",…}`); exit 0 imported (or would be), 2 errors.
 */
export const importRoutesCommand = fileImportCommand({
  usage: 'import routes FILE --db PATH --date YYYY-MM-DD [--dry-run] [--json]',
  summary: "Import a day's routes: Amazon's Day of Ops plan, its Cortex route list or a route sheet (CSV/XLSX); all or nothing; re-import updates by route code",
  fileWhat: 'the route sheet, CSV or XLSX',
  withDate: true,
  run: (ctx, input, values) => call(ctx, 'routes.import', { ...input, date: values.date! }),
  describe(res, values) {
    const from = res.source === 'day-of-ops' ? " from Amazon's Day of Ops plan" : res.source === 'cortex' ? " from Amazon's Cortex route list" : '';
    let out =
      `${res.dryRun ? 'Would import' : 'Imported'} ${res.routes} rows for ${values.date}${from}: ${res.added.length} new, ${res.changed.length} changed, ${res.removed.length} removed, ${res.unchanged} unchanged` +
      (res.skippedOtherDsp ? `, ${res.skippedOtherDsp} of other DSPs skipped` : '') +
      (res.skippedBlankCode ? `, ${res.skippedBlankCode} without a route code skipped` : '') +
      (res.droppedAssignments.length ? `; ${res.droppedAssignments.length} assignment(s) dropped` : '') +
      `${res.dryRun ? ' (dry run: nothing written)' : ''}\n`;
    for (const d of res.droppedAssignments) out += `  ${d.routeCode}: ${d.driverName} unassigned — ${d.reason}\n`;
    for (const d of res.drivers) out += `  ${d.routeCode}: ${d.name || d.transporterId} — ${d.note}\n`;
    return out;
  },
});

/** `assign --db PATH --date D [--apply] [--override REASON] [--json]`: optimal auto-assign. */
export const assignCommand: CliCommand = {
  usage: 'assign --db PATH --date YYYY-MM-DD [--apply] [--override REASON] [--json]',
  summary: 'Auto-assign drivers and vans to open routes (max covered, then min cost); --apply saves',
  async run(argv) {
    const { values } = parseOptions(argv, {
      ...dbOption,
      date: { type: 'string' },
      apply: { type: 'boolean', default: false },
      override: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const date = dateOf(values.date, true);
    const { ctx, opened } = openDesk(resolveDb(values.db));
    try {
      const res = await call(ctx, 'board.autoAssign', { date, apply: values.apply, ...(values.override ? { override: { reason: values.override } } : {}) });
      if (values.json) printJson(res);
      else {
        for (const p of res.proposals) {
          const flag = p.flags.length ? `  ⚠ ${p.flags.map((f) => f.rule).join(', ')}` : '';
          process.stdout.write(`${p.routeCode.padEnd(8)} ${p.driverName.padEnd(28)} ${(p.vanName ?? '-').padEnd(14)} cost ${String(p.cost).padStart(6)}${flag}\n`);
        }
        for (const u of res.uncovered) process.stdout.write(`${u.routeCode.padEnd(8)} — not covered: ${u.reason}\n`);
        process.stdout.write(
          `${res.covered} proposal(s), ${res.uncovered.length} uncovered, ${res.kept} kept; total cost ${res.totalCost}; ${res.ms} ms` +
            (res.applied ? `; applied ${res.covered - res.skipped.length}${res.skipped.length ? `, ${res.skipped.length} skipped (warnings need --override)` : ''}` : ' (preview: use --apply to save)') +
            '\n',
        );
      }
      return EXIT.OK;
    } finally {
      opened.close();
    }
  },
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Validate `{"cost": (number|null)[][]}`; rectangular; returns the matrix or throws CliError. */
export function parseSolveInput(text: string): (number | null)[][] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CliError(`stdin is not valid JSON: ${(err as Error).message}`);
  }
  const cost = (data as { cost?: unknown })?.cost;
  if (!Array.isArray(cost)) throw new CliError('expected {"cost": number[][]} on stdin');
  const width = Array.isArray(cost[0]) ? cost[0].length : 0;
  cost.forEach((row, i) => {
    if (!Array.isArray(row)) throw new CliError(`cost[${i}] is not an array`);
    if (row.length !== width) throw new CliError(`cost[${i}] has ${row.length} columns, cost[0] has ${width}`);
    row.forEach((c, j) => {
      if (c !== null && (typeof c !== 'number' || !Number.isFinite(c))) throw new CliError(`cost[${i}][${j}] must be a finite number or null`);
    });
  });
  return cost as (number | null)[][];
}

/** `solve`: stdin {"cost": number[][]} → {"assignment":[col or -1], "cost": total, "ms": solve time}. */
export const solveCommand: CliCommand = {
  usage: 'solve < {"cost": number[][]}',
  summary: 'Exact min-cost assignment (max rows covered, then min cost; null = forbidden) from stdin',
  async run(argv) {
    parseOptions(argv, {});
    const cost = parseSolveInput(await readStdin());
    const t0 = performance.now();
    const res = solveAssignment(cost);
    const ms = Math.round((performance.now() - t0) * 1000) / 1000;
    process.stdout.write(JSON.stringify({ assignment: res.assignment, cost: res.cost, ms }) + '\n');
    return EXIT.OK;
  },
};
