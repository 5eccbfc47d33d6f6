/**
 * `pnpm bench rules`: every case of scripts/bench-data/sales-rules.json (a copy of the project's shared bench input), compiled once and evaluated in a
 * tight loop, with @stagecraft/rules and with json-logic-js side by side in one process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { compile } from '@stagecraft/rules';

interface BenchCase {
  name: string;
  rule: unknown;
  data: unknown;
}

const require = createRequire(import.meta.url);
const jsonLogic = require('json-logic-js') as { apply(rule: unknown, data: unknown): unknown };
const file = new URL('../../../scripts/bench-data/sales-rules.json', import.meta.url);
const { cases } = JSON.parse(readFileSync(file, 'utf8')) as { cases: BenchCase[] };
const seconds = Number(process.argv[2] ?? 1);

/** Runs `run` for about `ms` milliseconds; returns evaluations and elapsed time. */
function burst(run: () => unknown, ms: number): { n: number; elapsed: number } {
  let sink: unknown;
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 5_000; i++) sink = run();
    n += 5_000;
    elapsed = performance.now() - start;
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return { n, elapsed };
}

/**
 * Evaluations per second of both engines, measured in alternating bursts so that load from other
 * processes on a shared machine hits both alike and the ratio stays meaningful.
 */
function measure(ours: () => unknown, theirs: () => unknown): [number, number] {
  burst(ours, 100);
  burst(theirs, 100);
  const total = { ours: { n: 0, elapsed: 0 }, theirs: { n: 0, elapsed: 0 } };
  for (let round = 0; round < 10; round++) {
    for (const [key, run] of [
      ['ours', ours],
      ['theirs', theirs],
    ] as const) {
      const b = burst(run, (seconds * 1000) / 10);
      total[key].n += b.n;
      total[key].elapsed += b.elapsed;
    }
  }
  return [(total.ours.n / total.ours.elapsed) * 1000, (total.theirs.n / total.theirs.elapsed) * 1000];
}

const fmt = (perSecond: number) => `${(perSecond / 1e6).toFixed(2)} M/s`;
let oursTotal = 0;
let theirsTotal = 0;
console.log(`rules benchmark: ${cases.length} cases, ${seconds}s per engine per case\n`);
for (const c of cases) {
  const fn = compile(c.rule);
  const expected = JSON.stringify(jsonLogic.apply(c.rule, c.data));
  if (JSON.stringify(fn(c.data)) !== expected) throw new Error(`results differ on "${c.name}"`);
  const [ours, theirs] = measure(
    () => fn(c.data),
    () => jsonLogic.apply(c.rule, c.data),
  );
  // overall throughput: time for one evaluation of each case, summed (harmonic)
  oursTotal += 1 / ours;
  theirsTotal += 1 / theirs;
  console.log(
    `${c.name}\n  @stagecraft/rules ${fmt(ours)}   json-logic-js ${fmt(theirs)}   ratio ${(ours / theirs).toFixed(1)}×`,
  );
}
const ours = cases.length / oursTotal;
const theirs = cases.length / theirsTotal;
console.log(
  `\noverall (all cases in turn)\n  @stagecraft/rules ${fmt(ours)}   json-logic-js ${fmt(theirs)}   ratio ${(ours / theirs).toFixed(1)}×`,
);
