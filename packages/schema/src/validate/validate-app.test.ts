import { describe, expect, it } from 'vitest';
import sample from '../../test/fixtures/sample-app.json' with { type: 'json' };
import { parseApp, validateApp } from './validate-app.js';

// biome-ignore lint/suspicious/noExplicitAny: tests mutate the fixture at arbitrary paths
type Doc = Record<string, any>;
const clone = (): Doc => structuredClone(sample) as Doc;

function issuesOf(mutate: (app: Doc) => void): { code: string; path: string }[] {
  const app = clone();
  mutate(app);
  const r = validateApp(app);
  if (r.ok) return [];
  return r.issues.map(({ code, path }) => ({ code, path }));
}

describe('validateApp', () => {
  it('accepts the sample app with every kind and every field type', () => {
    const r = validateApp(sample);
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it('reports shape errors as JSON pointers, unknown keys at the key', () => {
    expect(
      issuesOf((a) => {
        a.entities[1].fields[3].type = 'bogus';
        a.entities[0].fields[0].colour = 'red';
        a.entities[1].id = 'Bad-Id';
      }),
    ).toEqual(
      expect.arrayContaining([
        { code: 'VALIDATION_FAILED', path: '/entities/1/fields/3/type' },
        { code: 'VALIDATION_FAILED', path: '/entities/0/fields/0/colour' },
        { code: 'VALIDATION_FAILED', path: '/entities/1/id' },
      ]),
    );
  });

  it('refuses field ids that collide with system columns', () => {
    expect(issuesOf((a) => (a.entities[0].fields[1].id = 'created_at'))).toEqual([
      { code: 'VALIDATION_FAILED', path: '/entities/0/fields/1/id' },
    ]);
  });

  it.each([
    ['entities', (a: Doc) => (a.entities[1].id = 'maker'), '/entities/1/id'],
    ['fields', (a: Doc) => (a.entities[1].fields[2].id = 'title'), '/entities/1/fields/2/id'],
    [
      'options',
      (a: Doc) => (a.entities[1].fields[9].options[1].id = 'a'),
      '/entities/1/fields/9/options/1/id',
    ],
    [
      'subtable fields',
      (a: Doc) => (a.entities[1].fields[19].fields[1].id = 'sku'),
      '/entities/1/fields/19/fields/1/id',
    ],
    ['stages', (a: Doc) => (a.stageMachines[0].stages[1].id = 'draft'), '/stageMachines/0/stages/1/id'],
    [
      'transitions',
      (a: Doc) => (a.stageMachines[0].transitions[2].id = 'finish'),
      '/stageMachines/0/transitions/2/id',
    ],
    [
      'form items',
      (a: Doc) => (a.forms[0].sections[0].items[2].id = 'fTitle'),
      '/forms/0/sections/0/items/2/id',
    ],
    ['views', (a: Doc) => (a.views[1].id = 'allGadgets'), '/views/1/id'],
    [
      'widget measures',
      (a: Doc) => (a.dashboards[0].widgets[0].measures[1].id = 'total'),
      '/dashboards/0/widgets/0/measures/1/id',
    ],
    [
      'automation actions',
      (a: Doc) => (a.automations[0].actions[1].id = 'tell'),
      '/automations/0/actions/1/id',
    ],
    ['roles', (a: Doc) => a.roles.push(structuredClone(a.roles[0])), '/roles/1/id'],
  ])('reports a duplicate id among %s at the second one', (_what, mutate, path) => {
    expect(issuesOf(mutate)).toContainEqual({ code: 'DUPLICATE_ID', path });
  });

  it.each([
    ['form entity', (a: Doc) => (a.forms[0].entity = 'nope'), '/forms/0/entity'],
    [
      'form item field',
      (a: Doc) => (a.forms[0].sections[0].items[1].field = 'nope'),
      '/forms/0/sections/0/items/1/field',
    ],
    ['view column', (a: Doc) => (a.views[0].columns[1].field = 'nope'), '/views/0/columns/1/field'],
    ['view sort', (a: Doc) => (a.views[0].sort[0].field = 'nope'), '/views/0/sort/0/field'],
    ['board stage machine', (a: Doc) => (a.views[1].stageMachine = 'nope'), '/views/1/stageMachine'],
    ['card field', (a: Doc) => (a.views[1].cardFields[1] = 'nope'), '/views/1/cardFields/1'],
    ['aggregate field', (a: Doc) => (a.views[1].aggregates[0].field = 'nope'), '/views/1/aggregates/0/field'],
    [
      'reference entity',
      (a: Doc) => (a.entities[1].fields[10].entity = 'nope'),
      '/entities/1/fields/10/entity',
    ],
    [
      'reference display field',
      (a: Doc) => (a.entities[1].fields[10].displayField = 'nope'),
      '/entities/1/fields/10/displayField',
    ],
    ['title field', (a: Doc) => (a.entities[0].titleField = 'nope'), '/entities/0/titleField'],
    ['dedupe key', (a: Doc) => (a.entities[0].dedupeKeys[0][1] = 'nope'), '/entities/0/dedupeKeys/0/1'],
    [
      'initial stage',
      (a: Doc) => (a.stageMachines[0].initialStage = 'nope'),
      '/stageMachines/0/initialStage',
    ],
    [
      'transition from',
      (a: Doc) => (a.stageMachines[0].transitions[0].from = ['nope']),
      '/stageMachines/0/transitions/0/from/0',
    ],
    [
      'transition to',
      (a: Doc) => (a.stageMachines[0].transitions[0].to = 'nope'),
      '/stageMachines/0/transitions/0/to',
    ],
    [
      'transition field',
      (a: Doc) => (a.stageMachines[0].transitions[0].fields[0].field = 'nope'),
      '/stageMachines/0/transitions/0/fields/0/field',
    ],
    [
      'key field',
      (a: Doc) => (a.stageMachines[0].stages[0].keyFields[0].field = 'nope'),
      '/stageMachines/0/stages/0/keyFields/0/field',
    ],
    [
      'transition role',
      (a: Doc) => (a.stageMachines[0].transitions[0].roles[1] = 'nope'),
      '/stageMachines/0/transitions/0/roles/1',
    ],
    [
      'criterion field',
      (a: Doc) => (a.stageMachines[0].transitions[0].entryCriteria[0].field = 'nope'),
      '/stageMachines/0/transitions/0/entryCriteria/0/field',
    ],
    [
      'validation rule entity',
      (a: Doc) => (a.validationRules[0].entity = 'nope'),
      '/validationRules/0/entity',
    ],
    ['validation rule field', (a: Doc) => (a.validationRules[0].field = 'nope'), '/validationRules/0/field'],
    [
      'widget entity',
      (a: Doc) => (a.dashboards[0].widgets[0].entity = 'nope'),
      '/dashboards/0/widgets/0/entity',
    ],
    [
      'measure field',
      (a: Doc) => (a.dashboards[0].widgets[0].measures[0].field = 'nope'),
      '/dashboards/0/widgets/0/measures/0/field',
    ],
    [
      'dimension field',
      (a: Doc) => (a.dashboards[0].widgets[0].dimensions[0].field = 'nope'),
      '/dashboards/0/widgets/0/dimensions/0/field',
    ],
    [
      'ratio measure',
      (a: Doc) => (a.dashboards[0].widgets[0].measures[2].denominator = 'nope'),
      '/dashboards/0/widgets/0/measures/2/denominator',
    ],
    [
      'widget sort',
      (a: Doc) => (a.dashboards[0].widgets[0].sort[0].by = 'nope'),
      '/dashboards/0/widgets/0/sort/0/by',
    ],
    ['automation entity', (a: Doc) => (a.automations[0].entity = 'nope'), '/automations/0/entity'],
    ['trigger field', (a: Doc) => (a.automations[0].trigger.field = 'nope'), '/automations/0/trigger/field'],
    ['trigger stage', (a: Doc) => (a.automations[1].trigger.to[0] = 'nope'), '/automations/1/trigger/to/0'],
    [
      'recipient role',
      (a: Doc) => (a.automations[0].actions[0].recipients[1].role = 'nope'),
      '/automations/0/actions/0/recipients/1/role',
    ],
    [
      'recipient field',
      (a: Doc) => (a.automations[0].actions[0].recipients[2].field = 'nope'),
      '/automations/0/actions/0/recipients/2/field',
    ],
    [
      'task entity',
      (a: Doc) => (a.automations[0].actions[1].entity = 'nope'),
      '/automations/0/actions/1/entity',
    ],
    [
      'task value field',
      (a: Doc) => (a.automations[0].actions[1].values = { nope: 1 }),
      '/automations/0/actions/1/values/nope',
    ],
    [
      'update field',
      (a: Doc) => (a.automations[0].actions[2].values = { nope: 1 }),
      '/automations/0/actions/2/values/nope',
    ],
    [
      'update target',
      (a: Doc) => (a.automations[0].actions[2].target = 'nope'),
      '/automations/0/actions/2/target',
    ],
    [
      'update lookup',
      (a: Doc) => (a.automations[0].actions[2].lookups = ['nope']),
      '/automations/0/actions/2/lookups/0',
    ],
    [
      'field set by a transition',
      (a: Doc) => (a.stageMachines[0].transitions[0].setFields = { nope: { now: [] } }),
      '/stageMachines/0/transitions/0/setFields/nope',
    ],
    [
      'approval id',
      (a: Doc) => (a.automations[0].actions[3].approval = 'nope'),
      '/automations/0/actions/3/approval',
    ],
    [
      'webhook field',
      (a: Doc) => (a.automations[1].actions[0].fields[0] = 'nope'),
      '/automations/1/actions/0/fields/0',
    ],
    ['approval entity', (a: Doc) => (a.approvals[0].entity = 'nope'), '/approvals/0/entity'],
    [
      'guarded transition',
      (a: Doc) => (a.approvals[0].guardsTransitions[0] = 'nope'),
      '/approvals/0/guardsTransitions/0',
    ],
    [
      'approver role',
      (a: Doc) => (a.approvals[0].steps[0].branches[0].approvers.role = 'nope'),
      '/approvals/0/steps/0/branches/0/approvers/role',
    ],
    [
      'permission entity',
      (a: Doc) => (a.roles[0].permissions[0].entity = 'nope'),
      '/roles/0/permissions/0/entity',
    ],
    [
      'permission field',
      (a: Doc) => (a.roles[0].permissions[0].fields[0].field = 'nope'),
      '/roles/0/permissions/0/fields/0/field',
    ],
    ['navigation view', (a: Doc) => (a.navigation[0].view = 'nope'), '/navigation/0/view'],
  ])('reports an unknown reference in %s at its exact path', (_what, mutate, path) => {
    expect(issuesOf(mutate)).toEqual([{ code: 'REFERENCE_UNKNOWN', path }]);
  });

  it('reports an unknown stage machine entity, and the views that then mismatch', () => {
    const issues = issuesOf((a) => (a.stageMachines[0].entity = 'nope'));
    expect(issues).toContainEqual({ code: 'REFERENCE_UNKNOWN', path: '/stageMachines/0/entity' });
    expect(issues).toContainEqual({ code: 'REFERENCE_UNKNOWN', path: '/views/1/stageMachine' });
  });

  it('allows system fields wherever fields are referenced', () => {
    expect(
      issuesOf((a) => {
        a.views[0].columns[0].field = 'createdAt';
        a.entities[1].titleField = 'id';
        a.validationRules[0].field = 'owner';
      }),
    ).toEqual([]);
  });

  it('checks an update of a referenced record against the entity it points at', () => {
    const update = (target: string, values: Record<string, unknown>) =>
      issuesOf((a) => Object.assign(a.automations[0].actions[2], { target, lookups: ['maker'], values }));
    expect(update('maker', { phone: '1' })).toEqual([]);
    expect(update('maker', { active: false })).toEqual([
      { code: 'REFERENCE_UNKNOWN', path: '/automations/0/actions/2/values/active' },
    ]);
    expect(update('title', { active: false })).toEqual([
      { code: 'VALIDATION_FAILED', path: '/automations/0/actions/2/target' },
    ]);
  });

  it('refuses a field that a transition both asks the user for and sets itself', () => {
    expect(
      issuesOf(
        (a) => (a.stageMachines[0].transitions[0].setFields = { due: { today: [] }, seenAt: { now: [] } }),
      ),
    ).toEqual([{ code: 'VALIDATION_FAILED', path: '/stageMachines/0/transitions/0/setFields/due' }]);
  });

  it('checks a stage-SLA trigger: a stage machine on the entity, listed stages that exist and have an SLA', () => {
    const sla = (entity: string, trigger: Record<string, unknown>) =>
      issuesOf((a) => {
        a.automations[0].entity = entity;
        a.automations[0].trigger = { type: 'stage_sla', ...trigger };
        a.automations[0].condition = undefined;
        a.automations[0].actions = [
          { id: 'tell', type: 'notify', recipients: [{ type: 'owner' }], title: { en: 'Stuck' } },
        ];
      });
    expect(sla('gadget', {})).toEqual([]);
    expect(
      sla('gadget', { stages: ['ready'], offsetHours: -12, unless: { '!!': [{ var: 'title' }] } }),
    ).toEqual([]);
    expect(sla('gadget', { stages: ['draft', 'nope'] })).toEqual([
      { code: 'VALIDATION_FAILED', path: '/automations/0/trigger/stages/0' },
      { code: 'REFERENCE_UNKNOWN', path: '/automations/0/trigger/stages/1' },
    ]);
    expect(sla('maker', {})).toEqual([{ code: 'REFERENCE_UNKNOWN', path: '/automations/0/trigger/type' }]);
    expect(sla('gadget', { stageMachine: 'other' })).toEqual([
      { code: 'REFERENCE_UNKNOWN', path: '/automations/0/trigger/stageMachine' },
    ]);
  });

  it('allows at most one stage machine per entity', () => {
    const issues = issuesOf((a) =>
      a.stageMachines.push({ ...structuredClone(a.stageMachines[0]), id: 'flow2' }),
    );
    expect(issues).toEqual([{ code: 'VALIDATION_FAILED', path: '/stageMachines/1/entity' }]);
  });

  it('checks that sums are over numeric fields and the pattern is a valid regex', () => {
    expect(
      issuesOf((a) => {
        a.views[1].aggregates[0].field = 'title';
        a.entities[1].fields[0].pattern = '([';
      }),
    ).toEqual([
      { code: 'VALIDATION_FAILED', path: '/entities/1/fields/0/pattern' },
      { code: 'VALIDATION_FAILED', path: '/views/1/aggregates/0/field' },
    ]);
  });

  it('writes messages in the requested locale', () => {
    const app = clone();
    app.forms[0].entity = 'nope';
    const r = validateApp(app, { locale: 'zh-CN' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toBe('实体「nope」不存在。');
  });
});

describe('validateApp on hostile documents', () => {
  it('refuses a document nested too deeply with an issue instead of overflowing the stack', () => {
    const app = clone();
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { '!': [deep] };
    app.validationRules[0].assert = deep;
    const r = validateApp(app);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toMatchObject([
        { code: 'VALIDATION_FAILED', path: expect.stringMatching(/^\/validationRules\/0\/assert\/!\/0\//) },
      ]);
  });
});

describe('parseApp', () => {
  it('parses a draft whose references are not complete yet, but not a malformed one', () => {
    const app = clone();
    app.forms[0].entity = 'notYet';
    expect(parseApp(app).ok).toBe(true);
    app.forms[0].entity = 'Not-An-Id';
    expect(parseApp(app)).toMatchObject({
      ok: false,
      issues: [{ code: 'VALIDATION_FAILED', path: '/forms/0/entity' }],
    });
  });
});
