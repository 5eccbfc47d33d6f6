/**
 * Demo data of the sales-management pack: a company of 3 regions × 3 teams × 5 reps with managers,
 * accounts and contacts with Chinese names, leads on the MQL → SQL → customer lifecycle,
 * opportunities spread over the pipeline with six months of stage history, follow-ups (some with
 * risk words and their questionnaire), visits with small photos, quotes, contracts, payments,
 * goals and tasks, and the pending sign-offs of large deals in 报价谈判. Pure: the same options always give the same data, and nothing is read or written.
 */

import { type DemoData, type DemoFile, type DemoOptions, ownedFiles, pngFile } from '@stagecraft/demo-kit';
import { customerVisits, followUps, salesTasks } from './activity.js';
import type { Ctx } from './context.js';
import { accounts, contacts, leads } from './customers.js';
import { contracts, payments, quotes } from './finance.js';
import { goals } from './goals.js';
import { DEMO_PASSWORD, demoOrganisation, REVIEWERS, repsOf } from './org.js';
import { forecastSnapshots, opportunities, signoffStarts } from './pipeline.js';

export { DEMO_PASSWORD };

/** Default seed, also written in the manifest. */
export const DEFAULT_SEED = 20260101;
/** Opportunities generated when no scale is given. */
export const DEFAULT_OPPORTUNITIES = 600;

/** A striped 24 × 16 photo in one colour. */
function photo(key: string, name: string, rgb: [number, number, number]): DemoFile {
  return pngFile(key, name, { width: 24, height: 16 }, (x, y) => {
    const stripe = (x + y) % 8 < 4 ? 0 : 30;
    return [Math.min(255, rgb[0] + stripe), Math.min(255, rgb[1] + stripe), Math.min(255, rgb[2] + stripe)];
  });
}

/** Builds the whole data set; rows are generated lazily when iterated. */
export function generateDemo(options: DemoOptions): DemoData {
  const now = new Date(options.now).getTime();
  if (!Number.isFinite(now)) throw new Error('generateDemo: `now` is not a valid time');
  const scale = Math.max(1, Math.floor(options.scale ?? DEFAULT_OPPORTUNITIES));
  const { orgUnits, users } = demoOrganisation();
  const ctx: Ctx = {
    seed: options.seed ?? DEFAULT_SEED,
    now,
    reps: repsOf(users),
    accounts: 240,
    opportunities: scale,
    detailed: Math.min(scale, DEFAULT_OPPORTUNITIES),
  };
  // Each rep's records hold that rep's copies, so a file is readable exactly where its record is.
  const photos: DemoFile[] = [
    photo('meetingWhiteboard', 'meeting-whiteboard.png', [70, 110, 180]),
    photo('visitOffice', 'visit-office.png', [90, 150, 90]),
    photo('visitDemo', 'visit-demo.png', [180, 120, 60]),
    photo('contractScan', 'contract-scan.png', [200, 200, 200]),
  ];
  const files = ownedFiles(
    photos,
    ctx.reps.map((r) => r.key),
  );
  return {
    orgUnits,
    users,
    entities: [
      accounts(ctx),
      contacts(ctx),
      leads(ctx, 360),
      opportunities(ctx),
      followUps(ctx, 1200, 'meetingWhiteboard'),
      customerVisits(ctx, 180, ['visitOffice', 'visitDemo']),
      quotes(ctx),
      contracts(ctx, 'contractScan'),
      payments(ctx),
      goals(ctx, orgUnits, users),
      salesTasks(ctx, 120),
    ],
    files,
    approvals: () => signoffStarts(ctx),
    forecastSnapshots: () => forecastSnapshots(ctx),
    logins: [
      { role: 'manager', user: 'lead_east1' },
      { role: 'member', user: 'rep_east1_1' },
      ...REVIEWERS.map((r) => ({ role: r.role, user: r.key })),
    ],
  };
}
