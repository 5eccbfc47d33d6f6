/**
 * One rule context: rules that read `now`, `today` and the user give the same verdicts in the
 * browser's form (validation rules before Save, required-when conditions), on a device clock
 * skewed by hours and corrected with the offset measured on the published-app request, as in the
 * server's record validation at the same instant. Instants cluster within minutes of local
 * midnight, and the browser evaluates up to half an hour after the measurement, so many cases
 * cross midnight between the measurement and the evaluation.
 */
import {
  checkRules,
  createRuleSession,
  defaultRuleRuntime,
  FormConditions,
  formRuleContext,
} from '@stagecraft/renderer';
import { zonedDate, zonedStart } from '@stagecraft/rules';
import { App } from '@stagecraft/schema';
import type { Actor } from '@stagecraft/store';
import fc from 'fast-check';
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { prepareRecordValidator } from '../src/records/record-validation.js';
import { clientRuleContext, writeContext } from '../src/records/rule-context.js';
import type { ServerServices } from '../src/services.js';
import { clockApp } from './clock-app.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const app = App.parse(clockApp());
const form = app.forms[0]!;
const validator = prepareRecordValidator(app);
const request = { headers: { 'accept-language': 'en' } } as unknown as FastifyRequest;

/** Server services as `zoneOf` reads them: the app names no zone, so the workspace's applies. */
const servicesIn = (timeZone: string) =>
  ({ store: { identity: { getWorkspace: async () => ({ timeZone }) } } }) as unknown as ServerServices;

const zone = fc.constantFrom('Asia/Shanghai', 'UTC');
const anyCase = fc.record({
  timeZone: zone,
  /** A local midnight between 2024 and 2028 (leap days included) … */
  day: fc.integer({ min: 0, max: 5 * 366 }),
  /** … and the server's clock reading at the measurement, minutes around it (or anywhere in the day). */
  fromMidnight: fc.oneof(
    fc.integer({ min: -20 * MINUTE, max: 20 * MINUTE }),
    fc.integer({ min: -12 * HOUR, max: 12 * HOUR }),
  ),
  /** How far the device clock is off the server's, either way. */
  skew: fc.integer({ min: -36 * HOUR, max: 36 * HOUR }),
  /** One-way network time of the published-app request. */
  latency: fc.integer({ min: 0, max: 3000 }),
  /** Time from the measurement to the form's evaluation. */
  elapsed: fc.integer({ min: 0, max: 30 * MINUTE }),
  actor: fc.record({
    userId: fc.constantFrom('u1', 'u2'),
    roles: fc.subarray(['member', 'manager', 'admin']),
    orgUnitId: fc.constantFrom('east', 'west', null),
  }),
  values: fc.record(
    {
      dueInDays: fc.integer({ min: -3, max: 10 }),
      remindInMinutes: fc.integer({ min: -90, max: 26 * 60 }),
      assignee: fc.constantFrom('u1', 'u2', 'u3'),
      unit: fc.constantFrom('east', 'west'),
      note: fc.constant('seen'),
    },
    { requiredKeys: [] },
  ),
});

describe('rules read now, today and the user alike in the form and on the server', () => {
  it('gives the same verdicts over generated instants, zones, clock skews and users', async () => {
    let skewedDays = 0;
    let crossedMidnight = 0;
    let refused = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(anyCase, async (c) => {
        const midnight = Date.parse(
          zonedStart(new Date(Date.UTC(2024, 0, 1) + c.day * DAY).toISOString().slice(0, 10), c.timeZone),
        );
        const measuredAt = midnight + c.fromMidnight;
        const actor: Actor = { workspaceId: 'w1', ...c.actor };

        // The published-app request: the server reads its clock once; the device clock is skewed.
        const sent = await clientRuleContext(servicesIn(c.timeZone), actor, app, new Date(measuredAt));
        const localAtServer = measuredAt - c.skew;
        const session = createRuleSession(
          sent,
          { sentAt: localAtServer - c.latency, receivedAt: localAtServer + c.latency },
          () => localAtServer + c.latency + c.elapsed,
        );
        // the moment of the evaluation, on the server's clock
        const at = measuredAt + c.latency + c.elapsed;

        const today = zonedDate(at, c.timeZone);
        const values: Record<string, unknown> = { title: 'visit' };
        if (c.values.dueInDays !== undefined)
          values.dueOn = zonedDate(
            Date.parse(zonedStart(today, c.timeZone)) + c.values.dueInDays * DAY + 2 * HOUR,
            c.timeZone,
          );
        if (c.values.remindInMinutes !== undefined)
          values.remindAt = new Date(at + c.values.remindInMinutes * MINUTE).toISOString();
        if (c.values.assignee !== undefined) values.assignee = c.values.assignee;
        if (c.values.unit !== undefined) values.unit = c.values.unit;
        if (c.values.note !== undefined) values.note = c.values.note;

        // The browser: validation rules before Save, and the form's required-when conditions.
        const context = formRuleContext(session, null, 'en');
        const browserRules = checkRules(
          app.validationRules,
          defaultRuleRuntime,
          values,
          'create',
          'en',
          context,
        )
          .map((r) => `${r.field}:${r.message}`)
          .sort();
        const required = new FormConditions(form, defaultRuleRuntime).evaluateAll(values, context).required;
        const browserRequired = required.has('item:fNote') && values.note === undefined;

        // The server: the record validation of a create at the same instant, in the same request context.
        const result = validator.validate({
          entityId: 'visit',
          operation: 'create',
          values,
          previous: null,
          context: writeContext(request, { ...actor } as Actor, new Date(at), sent.timeZone),
        });
        const issues = result.ok ? [] : result.issues;
        const serverRules = issues
          .filter((i) => i.code === 'RULE_FAILED')
          .map((i) => `${i.path.slice(1)}:${i.message}`)
          .sort();
        const serverRequired = issues.some((i) => i.code === 'FIELD_REQUIRED' && i.path === '/note');
        expect(issues.every((i) => i.code === 'RULE_FAILED' || i.code === 'FIELD_REQUIRED')).toBe(true);

        expect(browserRules).toEqual(serverRules);
        expect(browserRequired).toBe(serverRequired);
        if (serverRules.length > 0 || serverRequired) refused++;
        else accepted++;
        if (zonedDate(at - c.skew, c.timeZone) !== today) skewedDays++;
        if (zonedDate(measuredAt, c.timeZone) !== today) crossedMidnight++;
      }),
      { numRuns: 1500 },
    );
    // The cases exercise what matters: the device's own date was wrong, and midnight passed.
    expect(skewedDays).toBeGreaterThan(300);
    expect(crossedMidnight).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(300);
    expect(accepted).toBeGreaterThan(100);
  });
});
