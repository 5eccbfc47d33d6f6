/**
 * `pnpm bench fairness`: other users' short requests while heavy work runs on embedded PGlite,
 * with the session served by work priority (now) and in arrival order (before), side by side.
 *
 * 1. Dashboards: user A (admin) opens the default template's heaviest dashboard 40 times at once;
 *    user B (a rep) reads a list page, pauses 50 ms, reads the next, until A's last dashboard
 *    answered. Prints B's list p50 / p99 / max and A's dashboard p50 / max.
 * 2. Worker: the automation worker scans twice (the first fires every due time-based trigger of
 *    the demo records, the second finds them logged) while B polls `/api/health` and a list page
 *    every 20 ms. Prints both scans' times and B's health and list p50 / max.
 *
 * Latencies count from when a request was due, so an event loop blocked by a chain of queries
 * counts too. Uses a temporary PGlite folder with the default template and its demo data.
 */
import { performance } from 'node:perf_hooks';
import {
  copyFairnessData,
  installFairnessData,
  median,
  runFairness,
  runScanFairness,
} from '../test/fairness-scenario.js';

const ms = (n: number) => `${Math.round(n)} ms`.padStart(9);
const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.99) - 1] ?? 0;
const modes = [
  { name: 'arrival order (before)', prioritiseWork: false },
  { name: 'by priority (now)', prioritiseWork: true },
];

const t0 = performance.now();
const data = await installFairnessData();
console.log(`default template with demo data installed in ${ms(performance.now() - t0)}`);
try {
  console.log('\n40 concurrent dashboard loads by A; B reads list pages 50 ms apart meanwhile');
  console.log('mode                      | B lists | B p50     | B p99     | B max     | A p50     | A max');
  for (const mode of modes) {
    const r = await runFairness(data, { prioritiseWork: mode.prioritiseWork, lists: 1, thinkMs: 50 });
    console.log(
      `${mode.name.padEnd(25)} | ${String(r.listMs.length).padStart(7)} | ${ms(median(r.listMs))} | ${ms(p99(r.listMs))} | ${ms(Math.max(...r.listMs))} | ${ms(median(r.dashboardMs))} | ${ms(Math.max(...r.dashboardMs))}`,
    );
  }

  console.log('\nThe worker scans twice; B polls /api/health and a list page every 20 ms meanwhile');
  console.log(
    'mode                      | fired | scan 1    | scan 2    | health p50 | health max | list p50  | list max',
  );
  for (const mode of modes) {
    const copy = copyFairnessData(data);
    try {
      const r = await runScanFairness(copy, { prioritiseWork: mode.prioritiseWork, thinkMs: 20 });
      console.log(
        `${mode.name.padEnd(25)} | ${String(r.fired).padStart(5)} | ${ms(r.scanMs[0])} | ${ms(r.scanMs[1])} | ${ms(median(r.healthMs))}  | ${ms(Math.max(...r.healthMs))}  | ${ms(median(r.listMs))} | ${ms(Math.max(...r.listMs))}`,
      );
    } finally {
      copy.dispose();
    }
  }
} finally {
  data.dispose();
}
