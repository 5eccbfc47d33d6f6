import type { App } from '@stagecraft/schema';
import { isConvertible } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import sample from '../../../schema/test/fixtures/sample-app.json' with { type: 'json' };
import { validateAppForPublish } from './validate-for-publish.js';

// biome-ignore lint/suspicious/noExplicitAny: tests mutate the fixture at arbitrary paths
type Doc = Record<string, any>;
const clone = (): Doc => structuredClone(sample) as Doc;
const codes = (r: ReturnType<typeof validateAppForPublish>) =>
  r.ok ? [] : r.issues.map((i) => `${i.code} ${i.path}`);
/** Unknown fields are reported at the rule or deeper, at the `var` itself when the type checker finds it. */
const unknownFieldIn = (path: string) => expect.stringMatching(new RegExp(`^UNKNOWN_FIELD ${path}(/|$)`));
const published = (): App => {
  const r = validateAppForPublish(sample);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

describe('validateAppForPublish', () => {
  it('accepts the sample app', () => {
    expect(codes(validateAppForPublish(sample))).toEqual([]);
  });

  it('returns validateApp issues first', () => {
    const app = clone();
    app.forms[0].entity = 'nope';
    expect(codes(validateAppForPublish(app))).toEqual(['REFERENCE_UNKNOWN /forms/0/entity']);
  });

  it.each([
    [
      'a validation rule',
      (a: Doc) => (a.validationRules[0].assert = { frobnicate: [1] }),
      'RULE_UNKNOWN_OPERATOR /validationRules/0/assert',
    ],
    [
      'a form condition',
      (a: Doc) => (a.forms[0].sections[0].items[2].requiredWhen = { var: '__proto__.x' }),
      'RULE_INVALID /forms/0/sections/0/items/2/requiredWhen/var',
    ],
    [
      'a formula',
      (a: Doc) => (a.entities[1].fields[20].expression = { '+': [{ bogus: [] }, 1] }),
      'RULE_UNKNOWN_OPERATOR /entities/1/fields/20/expression/+/0',
    ],
    [
      'a view filter',
      (a: Doc) => (a.views[0].filter = { '==': [{ var: 'nope' }, 1] }),
      unknownFieldIn('/views/0/filter'),
    ],
    [
      'a transition criterion',
      (a: Doc) => (a.stageMachines[0].transitions[0].entryCriteria[0].rule = { var: 'ghost' }),
      unknownFieldIn('/stageMachines/0/transitions/0/entryCriteria/0/rule'),
    ],
    [
      'an automation condition',
      (a: Doc) => (a.automations[0].condition = { var: 'ghost' }),
      unknownFieldIn('/automations/0/condition'),
    ],
    [
      'a widget filter',
      (a: Doc) => (a.dashboards[0].widgets[0].filter = { var: 'ghost' }),
      unknownFieldIn('/dashboards/0/widgets/0/filter'),
    ],
  ] as [string, (a: Doc) => unknown, unknown][])(
    'refuses a bad rule in %s at its path',
    (_what, mutate, expected) => {
      const app = clone();
      mutate(app);
      expect(codes(validateAppForPublish(app))).toEqual([expected]);
    },
  );

  it('refuses hostile rules without hanging', () => {
    const app = clone();
    let deep: unknown = { var: 'qty' };
    for (let i = 0; i < 40; i++) deep = { '!': [deep] };
    app.validationRules[0].assert = deep;
    app.views[0].filter = { in: [{ var: 'title' }, Array.from({ length: 50_000 }, (_, i) => `v${i}`)] };
    app.automations[0].condition = { var: 'constructor.prototype' };
    const r = validateAppForPublish(app);
    expect(codes(r).map((c) => c.split(' ')[0])).toEqual([
      'RULE_LIMIT_EXCEEDED',
      'RULE_LIMIT_EXCEEDED',
      'RULE_INVALID',
    ]);
  });

  it('refuses default values their fields would refuse', () => {
    const app = clone();
    app.entities[1].fields[2].defaultValue = 1;
    app.entities[1].fields[8].defaultValue = 'blue';
    expect(codes(validateAppForPublish(app))).toEqual([]);
    app.entities[1].fields[2].defaultValue = 'many';
    app.entities[1].fields[8].defaultValue = 'green';
    app.entities[1].fields[18].defaultValue = { lat: 100, lng: 0 };
    app.entities[1].fields[20].defaultValue = 5;
    expect(codes(validateAppForPublish(app))).toEqual([
      'VALIDATION_FAILED /entities/1/fields/2/defaultValue',
      'VALIDATION_FAILED /entities/1/fields/8/defaultValue',
      'VALIDATION_FAILED /entities/1/fields/18/defaultValue/lat',
      'VALIDATION_FAILED /entities/1/fields/20/defaultValue',
    ]);
  });

  it('accepts built-in widgets on fields they edit and refuses unknown or misplaced ones', () => {
    const app = clone();
    const items = app.forms[0].sections[0].items;
    items[0].widget = 'textarea';
    items[1].widget = 'slider';
    expect(codes(validateAppForPublish(app))).toEqual([]);
    items[0].widget = 'radio';
    items[2].widget = 'stars';
    const r = validateAppForPublish(app, undefined, { locale: 'zh-CN' });
    expect(codes(r)).toEqual([
      'VALIDATION_FAILED /forms/0/sections/0/items/0/widget',
      'REFERENCE_UNKNOWN /forms/0/sections/0/items/2/widget',
    ]);
    if (!r.ok) {
      expect(r.issues[0]?.messages?.en).toBe(
        'Widget "radio" cannot edit a text field; it edits single_select.',
      );
      expect(r.issues[1]?.message).toBe('控件「stars」不存在（可用：textarea, radio, slider）。');
    }
  });

  it('accepts widgets the host declares, on the field types it declares them for', () => {
    const app = clone();
    app.forms[0].sections[0].items[2].widget = 'stars';
    expect(codes(validateAppForPublish(app, undefined, { widgets: { stars: ['currency'] } }))).toEqual([]);
    expect(codes(validateAppForPublish(app, undefined, { widgets: { stars: ['number'] } }))).toEqual([
      'VALIDATION_FAILED /forms/0/sections/0/items/2/widget',
    ]);
  });

  it('refuses a widget name that is not kebab-case in the document itself', () => {
    const app = clone();
    app.forms[0].sections[0].items[0].widget = 'Text Area';
    expect(codes(validateAppForPublish(app))).toEqual([
      'VALIDATION_FAILED /forms/0/sections/0/items/0/widget',
    ]);
  });

  it('lets subtable formulas read their row', () => {
    const app = clone();
    app.entities[1].fields[19].fields.push({
      id: 'twice',
      label: { en: '2x' },
      type: 'formula',
      resultType: 'number',
      expression: { '*': [{ var: 'qty' }, 2] },
    });
    expect(codes(validateAppForPublish(app))).toEqual([]);
    app.entities[1].fields[19].fields[2].expression = { '*': [{ var: 'price' }, 2] };
    expect(codes(validateAppForPublish(app))).toEqual([
      unknownFieldIn('/entities/1/fields/19/fields/2/expression'),
    ]);
  });

  it('refuses unsafe type changes against the previous version and allows convertible ones', () => {
    const previous = published();
    const app = clone();
    app.entities[1].fields[0] = { id: 'title', label: { en: 'Title' }, type: 'long_text' };
    app.entities[1].fields[13] = { id: 'hotline', label: { en: 'Hotline' }, type: 'text' };
    expect(codes(validateAppForPublish(app, previous))).toEqual([]);
    app.entities[1].fields[1] = { id: 'notes', label: { en: 'Notes' }, type: 'number' };
    app.entities[1].fields[10].entity = 'gadget';
    app.entities[1].fields[10].displayField = 'title';
    const r = validateAppForPublish(app, previous);
    expect(codes(r)).toEqual([
      'UNSAFE_TYPE_CHANGE /entities/1/fields/1/type',
      'UNSAFE_TYPE_CHANGE /entities/1/fields/10/type',
    ]);
    if (!r.ok) expect(r.issues[0]?.details).toEqual({ from: 'long_text', to: 'number' });
  });

  it('refuses view and widget filters that cannot run in the database, at the operator', () => {
    const app = clone();
    // Type-correct, but `changed` compares with the previous version and `date_add` of a field
    // has no SQL translation: every list or dashboard load would fail.
    app.views[0].filter = { changed: 'price' };
    app.dashboards[0].widgets[0].filter = {
      and: [
        { '>': [{ var: 'price' }, 0] },
        { '<': [{ date_add: [{ var: 'due' }, 1, 'day'] }, { today: [] }] },
      ],
    };
    const r = validateAppForPublish(app, undefined, { locale: 'zh-CN' });
    expect(codes(r)).toEqual([
      'RULE_NOT_TRANSLATABLE /views/0/filter',
      'RULE_NOT_TRANSLATABLE /dashboards/0/widgets/0/filter/and/1/</0',
    ]);
    if (!r.ok) {
      expect(r.issues[0]?.message).toBe('运算符「changed」无法在数据库中执行。');
      expect(r.issues[1]?.messages?.en).toBe('The operator "date_add" cannot run in the database.');
    }
  });

  it('accepts database filters that translate, with the clock and the current user bound', () => {
    const app = clone();
    app.views[0].filter = {
      and: [
        { '<': [{ var: 'due' }, { date_add: [{ today: [] }, 7, 'day'] }] },
        { '==': [{ var: 'keeper' }, { current_user: [] }] },
        { contains_any: [{ var: 'notes' }, ['预算冻结', '比价中']] },
        { '>': [{ hours_between: [{ var: 'updatedAt' }, { now: [] }] }, 72] },
      ],
    };
    app.dashboards[0].widgets[1].filter = { in: [{ var: 'stage' }, ['draft', 'ready']] };
    expect(codes(validateAppForPublish(app))).toEqual([]);
    // The same untranslatable rule is fine where it is evaluated in memory.
    app.validationRules[0].appliesWhen = { changed: 'price' };
    expect(codes(validateAppForPublish(app))).toEqual([]);
  });

  it('checks goal, forecast and scorecard filters: types, then the translation to SQL', () => {
    const app = clone();
    const measure = { id: 'm', op: 'sum', field: 'price' };
    app.goals = [
      { id: 'g', label: { en: 'G' }, entity: 'gadget', measure, filter: { var: 'ghost' }, targets: [] },
    ];
    app.forecasts = [
      {
        id: 'f',
        entity: 'gadget',
        stageMachine: 'flow',
        amountField: 'price',
        closeDateField: 'due',
        filter: { '>': [{ var: 'price' }, 0] },
        factors: [{ id: 'x', rule: { '==': [{ round: [{ var: 'price' }] }, 3] }, multiplier: 0.5 }],
      },
    ];
    app.scorecards = [
      {
        id: 's',
        label: { en: 'S' },
        role: 'member',
        metrics: [
          {
            id: 'k',
            label: { en: 'K' },
            kind: 'result',
            entity: 'gadget',
            measure,
            filter: { '==': [{ var: 'price' }, 'cheap'] },
            weight: 1,
            tiers: [{ min: 0, points: 1 }],
          },
        ],
      },
    ];
    expect(codes(validateAppForPublish(app))).toEqual([
      unknownFieldIn('/goals/0/filter'),
      'RULE_NOT_TRANSLATABLE /forecasts/0/factors/0/rule/==/0',
      expect.stringMatching(/^RULE_TYPE_ERROR \/scorecards\/0\/metrics\/0\/filter/),
    ]);
  });

  it('reports a type error of a filter once, without a translation issue on top', () => {
    const app = clone();
    app.views[0].filter = { '<': [{ var: 'due' }, { changed: 'price' }] };
    expect(codes(validateAppForPublish(app))).toEqual([
      expect.stringMatching(/^RULE_TYPE_ERROR \/views\/0\/filter/),
    ]);
  });

  it('knows the conversion table', () => {
    const f = (type: string, extra: object = {}) =>
      ({ id: 'x', label: { en: 'x' }, type, ...extra }) as never;
    expect(isConvertible(f('single_select', { options: [] }), f('multi_select', { options: [] }))).toBe(true);
    expect(isConvertible(f('multi_select', { options: [] }), f('single_select', { options: [] }))).toBe(
      false,
    );
    expect(isConvertible(f('date'), f('datetime'))).toBe(true);
    expect(isConvertible(f('datetime'), f('date'))).toBe(false);
    expect(isConvertible(f('number'), f('currency'))).toBe(false);
    expect(isConvertible(f('formula', { resultType: 'number', expression: 1 }), f('number'))).toBe(true);
  });
});
