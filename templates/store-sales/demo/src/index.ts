/**
 * Demo data of the store-sales pack: a field force of 3 regions × 3 teams × 5 reps with supervisors,
 * graded stores around Shanghai, Beijing and Guangzhou, visit plans with routes, six months of store
 * visits (check-in, three photos, SKU checklist) with stage history, competitor and promotion
 * checks, orders, shifts and tasks. Pure and deterministic: same options, same data.
 */

import { type DemoData, type DemoFile, type DemoOptions, ownedFiles, pngFile } from '@stagecraft/demo-kit';
import { competitorChecks, fieldTasks, promotionChecks, shifts, storeOrders } from './field-work.js';
import { DEMO_PASSWORD, demoOrganisation } from './org.js';
import { type Ctx, stores, storeVisits, visitPlans } from './stores.js';

export { DEMO_PASSWORD };

/** Default seed, also written in the manifest. */
export const DEFAULT_SEED = 20260102;
/** Store visits generated when no scale is given. */
export const DEFAULT_VISITS = 1500;

/** A 32 × 24 photo drawn by `draw`. */
function photo(
  key: string,
  name: string,
  draw: (x: number, y: number) => [number, number, number],
): DemoFile {
  return pngFile(key, name, { width: 32, height: 24 }, draw);
}

export function generateDemo(options: DemoOptions): DemoData {
  const now = new Date(options.now).getTime();
  if (!Number.isFinite(now)) throw new Error('generateDemo: `now` is not a valid time');
  const { orgUnits, users } = demoOrganisation();
  const ctx: Ctx = {
    seed: options.seed ?? DEFAULT_SEED,
    now,
    reps: users.filter((u) => u.roles.includes('member')),
    perRep: 6,
    visits: Math.max(1, Math.floor(options.scale ?? DEFAULT_VISITS)),
  };
  // Each rep's records hold that rep's copies, so a file is readable exactly where its record is.
  const photos: DemoFile[] = [
    photo('doorPhoto', 'storefront.png', (x, y) =>
      y < 8 ? [200, 40, 40] : x % 8 < 4 ? [230, 230, 230] : [90, 90, 90],
    ),
    photo('shelfPhoto', 'shelf-panorama.png', (_x, y) =>
      y % 6 === 0 ? [120, 80, 40] : [240, 200, 60 + (y % 6) * 20],
    ),
    photo('skuPhoto', 'key-sku.png', (x, y) =>
      (x - 16) ** 2 + (y - 12) ** 2 < 60 ? [250, 180, 0] : [250, 250, 250],
    ),
    photo('checkInPhoto', 'check-in.png', (x, y) => [60 + x * 4, 120, 160 + y * 3]),
    photo('competitorPhoto', 'competitor.png', (x) => (x < 16 ? [30, 90, 200] : [240, 240, 240])),
    photo('promoPhoto', 'promotion.png', (x, y) => ((x + y) % 6 < 3 ? [220, 30, 60] : [255, 220, 0])),
  ];
  const files = ownedFiles(
    photos,
    ctx.reps.map((r) => r.key),
  );
  return {
    orgUnits,
    users,
    entities: [
      stores(ctx),
      visitPlans(ctx),
      storeVisits(ctx, { door: 'doorPhoto', shelf: 'shelfPhoto', sku: 'skuPhoto', checkIn: 'checkInPhoto' }),
      competitorChecks(ctx, 400, 'competitorPhoto'),
      promotionChecks(ctx, 300, 'promoPhoto'),
      storeOrders(ctx, 600),
      shifts(ctx),
      fieldTasks(ctx, 80),
    ],
    files,
    logins: [
      { role: 'manager', user: 'lead_east1' },
      { role: 'member', user: 'rep_east1_1' },
    ],
  };
}
