/**
 * `npm run bench [-- FILTER]`: runs every tests/bench/*.bench.ts (or those whose name contains
 * FILTER), each exporting `run(): Promise<BenchResult[]>` (a single result object is accepted
 * too), prints a table and writes tests/bench/results/<file>.json plus summary.json.
 * Exit 1 when a result misses its target.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The target the value must meet (≤ for times, see `better`). */
  target: number;
  pass: boolean;
  /** Lower is better unless 'higher'. */
  better?: 'lower' | 'higher';
  /** What the value was compared with in the same run (e.g. munkres-js time). */
  reference?: { name: string; value: number; unit: string };
  details?: Record<string, unknown>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Accept BenchResult[] or older single-object results ({name, ok, medianMs, limitMs, …}). */
function normalize(file: string, raw: unknown): BenchResult[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((r: Record<string, unknown>) => {
    if (typeof r.value === 'number' && typeof r.pass === 'boolean') return r as unknown as BenchResult;
    const value = Number(r.medianMs ?? r.value ?? NaN);
    return {
      name: String(r.name ?? file),
      value,
      unit: 'ms',
      target: Number(r.limitMs ?? r.target ?? NaN),
      pass: Boolean(r.ok ?? r.pass),
      details: r,
    };
  });
}

async function main() {
  const filter = process.argv[2] ?? '';
  const files = fs
    .readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
    .sort();
  const outDir = path.join(here, 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const summary: { file: string; results: BenchResult[]; error?: string }[] = [];
  let failed = 0;
  for (const f of files) {
    const t0 = performance.now();
    process.stdout.write(`▶ ${f}\n`);
    try {
      const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { run?: () => Promise<unknown> };
      if (typeof mod.run !== 'function') throw new Error('does not export run()');
      const results = normalize(f, await mod.run());
      fs.writeFileSync(path.join(outDir, f.replace(/\.bench\.ts$/, '.json')), JSON.stringify({ at: new Date().toISOString(), results }, null, 2) + '\n');
      for (const r of results) {
        if (!r.pass) failed++;
        const ref = r.reference ? `   (ref: ${r.reference.name} ${r.reference.value} ${r.reference.unit})` : '';
        process.stdout.write(`  ${r.pass ? 'PASS' : 'FAIL'}  ${r.name}: ${r.value} ${r.unit} (target ${r.better === 'higher' ? '≥' : '≤'} ${r.target})${ref}\n`);
      }
      summary.push({ file: f, results });
    } catch (err) {
      failed++;
      const message = (err as Error).stack ?? String(err);
      process.stdout.write(`  ERROR ${message}\n`);
      summary.push({ file: f, results: [], error: message });
    }
    process.stdout.write(`  (${Math.round(performance.now() - t0)} ms)\n`);
  }
  fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify({ at: new Date().toISOString(), node: process.version, files: summary }, null, 2) + '\n');
  process.stdout.write(failed ? `${failed} benchmark(s) failed\n` : 'all benchmarks passed\n');
  process.exitCode = failed ? 1 : 0;
}

void main();
