/** Goals: the goal documents, splitting a yearly target, progress of a goal. */
import { z } from 'zod';
import { AppParams, JsonObject } from '../common.js';
import { route } from '../route.js';

/** `GET /api/apps/:app/goals` */
export const listGoals = route({
  method: 'GET',
  path: '/api/apps/:app/goals',
  tags: ['goals'],
  summary: 'The goal documents of the published app',
  params: AppParams,
  responses: { 200: z.object({ goals: z.array(z.unknown()) }) },
});

/** `POST /api/apps/:app/goals/split` */
export const splitGoal = route({
  method: 'POST',
  readsOnly: true,
  path: '/api/apps/:app/goals/split',
  tags: ['goals'],
  summary:
    'Splits a yearly target into quarters, months and week slices (largest remainder on cents); `across` splits it over units or reps first',
  params: AppParams,
  body: z
    .object({
      target: z.unknown(),
      precision: z.number().int().min(0).max(4).optional(),
      quarterWeights: z.array(z.number().min(0)).length(4).optional(),
      monthWeights: z.array(z.number().min(0)).length(12).optional(),
      across: z
        .array(
          z.union([
            z.object({ orgUnit: z.string(), weight: z.number().min(0).optional() }).strict(),
            z.object({ owner: z.string(), weight: z.number().min(0).optional() }).strict(),
          ]),
        )
        .max(500)
        .optional(),
    })
    .strict(),
  responses: { 200: z.object({ targets: z.array(z.unknown()) }) },
});

/** `POST /api/apps/:app/goals/progress` */
export const goalProgress = route({
  method: 'POST',
  readsOnly: true,
  path: '/api/apps/:app/goals/progress',
  tags: ['goals'],
  summary:
    'Actual, attainment and deviation from the pro-rated target of each target of a goal (records in the caller’s scope); `goal` is the id of a goal of the published app, or a goal document (preview)',
  params: AppParams,
  body: z.object({ goal: z.union([z.string(), JsonObject]) }).strict(),
  responses: {
    200: z.object({ goal: z.string(), timeZone: z.string(), targets: z.array(JsonObject) }),
  },
});
