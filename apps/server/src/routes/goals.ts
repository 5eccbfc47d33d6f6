/**
 * Goal routes: split a yearly target down to quarters, months and week slices (optionally across
 * org units or reps first), with exact sums; and progress of every target of a goal document,
 * actuals computed from the records in the caller's scope, flagged beyond the deviation threshold.
 */
import { API } from '@stagecraft/contract';
import {
  goalProgress,
  orgSubtree,
  periodRange,
  planMeasures,
  splitAcross,
  splitYear,
} from '@stagecraft/engine';
import { Goal, GoalTarget } from '@stagecraft/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/request-context.js';
import { fail, unwrap } from '../errors/issues-error.js';
import { zoneOf } from '../records/rule-context.js';
import { schemaOf } from './contract-schema.js';
import { documentOf, orgTree, parseDocument } from './dashboards-support.js';

/** Most targets one progress request computes (one scoped query each). */
const MAX_TARGETS = 400;

/** Goal route plugin. */
export const goalRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.stagecraft;
  const { published, store } = services;

  app.get(
    '/api/apps/:app/goals',
    {
      schema: schemaOf(API.goals.listGoals),
    },
    async (request) => {
      const actor = requireActor(request);
      const { definition } = await published.latest(actor, request.params.app);
      return { goals: definition.goals ?? [] };
    },
  );

  app.post(
    '/api/apps/:app/goals/split',
    {
      schema: schemaOf(API.goals.splitGoal),
    },
    async (request) => {
      requireActor(request);
      const { precision = 2, quarterWeights, monthWeights, across } = request.body;
      const year = parseDocument(GoalTarget, request.body.target, '/target');
      const tops = across?.length ? splitAcross(year, across, precision) : [year];
      const targets = tops.flatMap((t) =>
        unwrap(
          splitYear(t, {
            precision,
            ...(quarterWeights ? { quarterWeights } : {}),
            ...(monthWeights ? { monthWeights } : {}),
          }),
        ),
      );
      return { targets: across?.length ? [year, ...targets] : targets };
    },
  );

  app.post(
    '/api/apps/:app/goals/progress',
    {
      schema: schemaOf(API.goals.goalProgress),
    },
    async (request) => {
      const actor = requireActor(request);
      const { definition } = await published.latest(actor, request.params.app);
      const goal = documentOf(definition.goals ?? [], Goal, request.body.goal, '/goal');
      if (goal.targets.length > MAX_TARGETS)
        fail('VALIDATION_FAILED', '/goal/targets', {
          en: `At most ${MAX_TARGETS} targets.`,
          'zh-CN': `目标值最多 ${MAX_TARGETS} 个。`,
        });
      const entity = definition.entities.find((e) => e.id === goal.entity);
      if (!entity) fail('ENTITY_NOT_FOUND', '/goal/entity');
      const [measure] = unwrap(planMeasures(entity, [goal.measure], '/goal/measure'));
      if (!measure || measure.op === 'ratio')
        fail('VALIDATION_FAILED', '/goal/measure', {
          en: 'A goal measures one aggregate.',
          'zh-CN': '一个目标只能衡量一个汇总指标。',
        });
      const [timeZone, units] = await Promise.all([
        zoneOf(services, actor, definition),
        orgTree(services, actor),
      ]);
      const now = services.clock.now().toISOString();
      const dateField = goal.dateField ?? 'createdAt';
      const targets = [];
      for (const target of goal.targets) {
        const { from, to } = periodRange(target, timeZone);
        const parts: unknown[] = [{ '>=': [{ var: dateField }, from] }, { '<': [{ var: dateField }, to] }];
        if (goal.filter !== undefined) parts.push(goal.filter);
        if (target.owner) parts.push({ '==': [{ var: 'owner' }, target.owner] });
        if (target.orgUnit) parts.push({ in: [{ var: 'orgUnit' }, orgSubtree(units, target.orgUnit)] });
        const result = unwrap(
          await store.metrics.run(
            actor,
            request.params.app,
            {
              kind: 'aggregate',
              entity: entity.id,
              filter: { and: parts },
              measures: [measure],
              dimensions: [],
              sort: [],
              timeZone,
            },
            now,
          ),
        );
        const actual = Number(result.rows[0]?.[measure.id] ?? 0);
        targets.push({
          ...target,
          progress: goalProgress(target, actual, now, timeZone, goal.deviationThreshold),
        });
      }
      return { goal: goal.id, timeZone, targets };
    },
  );
};
