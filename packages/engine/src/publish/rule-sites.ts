/**
 * Every place an app holds a rule, with the rule's JSON path and the fields it may read. Publish
 * type-checks each one, and checks that the filters the store runs in SQL translate; the designer
 * can use the same list to show rule problems in place.
 */
import type { App, Entity, Field, FieldType, LeafField } from '@stagecraft/schema';
import { pointer, SYSTEM_FIELDS } from '@stagecraft/schema';

/** One rule of the app and what it is evaluated against. */
export interface RuleSite {
  rule: unknown;
  /** JSON pointer of the rule inside the app document. */
  path: string;
  /** The entity whose records the rule reads, or undefined when that entity does not exist. */
  entity: string;
  /** The fields visible to the rule, by the type their values have (formulas by result type). */
  fields: Record<string, FieldType>;
  /** Set for filters the store runs inside the database: they must also translate to SQL. */
  sql?: true;
}

function typesOf(fields: readonly (Field | LeafField)[], withSystem: boolean): Record<string, FieldType> {
  const out: Record<string, FieldType> = withSystem ? { ...SYSTEM_FIELDS } : {};
  for (const f of fields) out[f.id] = f.type === 'formula' ? f.resultType : f.type;
  return out;
}

/** Lists the rules of an app, skipping those whose entity is unknown (validateApp reports that). */
export function ruleSites(app: App): RuleSite[] {
  const entities = new Map<string, Entity>(app.entities.map((e) => [e.id, e]));
  const fieldsOf = new Map([...entities].map(([id, e]) => [id, typesOf(e.fields, true)]));
  const sites: RuleSite[] = [];
  const add = (entity: string, rule: unknown, ...path: PropertyKey[]) => {
    const fields = fieldsOf.get(entity);
    if (rule !== undefined && fields) sites.push({ rule, path: pointer(...path), entity, fields });
  };
  /** A filter the store translates to SQL on every load (lists, boards, dashboards). */
  const addFilter = (entity: string, rule: unknown, ...path: PropertyKey[]) => {
    const fields = fieldsOf.get(entity);
    if (rule !== undefined && fields) sites.push({ rule, path: pointer(...path), entity, fields, sql: true });
  };

  app.entities.forEach((entity, i) => {
    entity.fields.forEach((field, j) => {
      if (field.type === 'formula')
        add(entity.id, field.expression, 'entities', i, 'fields', j, 'expression');
      if (field.type !== 'subtable') return;
      const rowFields = typesOf(field.fields, false);
      field.fields.forEach((leaf, k) => {
        if (leaf.type !== 'formula') return;
        sites.push({
          rule: leaf.expression,
          path: pointer('entities', i, 'fields', j, 'fields', k, 'expression'),
          entity: entity.id,
          fields: rowFields,
        });
      });
    });
  });
  app.forms.forEach((form, i) => {
    form.sections.forEach((section, s) => {
      add(form.entity, section.visibleWhen, 'forms', i, 'sections', s, 'visibleWhen');
      section.items.forEach((item, k) => {
        for (const key of ['visibleWhen', 'requiredWhen', 'readOnlyWhen'] as const)
          add(form.entity, item[key], 'forms', i, 'sections', s, 'items', k, key);
      });
    });
  });
  app.views.forEach((view, i) => {
    addFilter(view.entity, view.filter, 'views', i, 'filter');
  });
  app.validationRules.forEach((rule, i) => {
    add(rule.entity, rule.appliesWhen, 'validationRules', i, 'appliesWhen');
    add(rule.entity, rule.assert, 'validationRules', i, 'assert');
  });
  app.stageMachines.forEach((machine, i) => {
    machine.transitions.forEach((t, k) => {
      for (const list of ['entryCriteria', 'exitCriteria'] as const) {
        t[list]?.forEach((c, m) => {
          add(machine.entity, c.rule, 'stageMachines', i, 'transitions', k, list, m, 'rule');
        });
      }
      t.fields?.forEach((f, m) => {
        add(
          machine.entity,
          f.validation?.rule,
          'stageMachines',
          i,
          'transitions',
          k,
          'fields',
          m,
          'validation',
          'rule',
        );
      });
      for (const [key, rule] of Object.entries(t.setFields ?? {}))
        add(machine.entity, rule, 'stageMachines', i, 'transitions', k, 'setFields', key);
    });
  });
  app.dashboards.forEach((dashboard, i) => {
    dashboard.widgets.forEach((w, k) => {
      addFilter(w.entity, w.filter, 'dashboards', i, 'widgets', k, 'filter');
    });
  });
  app.goals.forEach((goal, i) => {
    addFilter(goal.entity, goal.filter, 'goals', i, 'filter');
  });
  app.forecasts.forEach((forecast, i) => {
    addFilter(forecast.entity, forecast.filter, 'forecasts', i, 'filter');
    forecast.factors?.forEach((factor, k) => {
      addFilter(forecast.entity, factor.rule, 'forecasts', i, 'factors', k, 'rule');
    });
  });
  app.scorecards.forEach((scorecard, i) => {
    scorecard.metrics.forEach((metric, k) => {
      addFilter(metric.entity, metric.filter, 'scorecards', i, 'metrics', k, 'filter');
    });
  });
  app.automations.forEach((auto, i) => {
    add(auto.entity, auto.condition, 'automations', i, 'condition');
    if (auto.trigger.type === 'relative_time' || auto.trigger.type === 'stage_sla')
      add(auto.entity, auto.trigger.unless, 'automations', i, 'trigger', 'unless');
    auto.actions.forEach((action, k) => {
      if (action.type === 'create_task' || action.type === 'update_fields') {
        for (const [key, rule] of Object.entries(action.values ?? {}))
          add(auto.entity, rule, 'automations', i, 'actions', k, 'values', key);
      }
      if (action.type === 'assign') {
        action.rules?.forEach((r, m) => {
          add(auto.entity, r.when, 'automations', i, 'actions', k, 'rules', m, 'when');
        });
      }
    });
  });
  app.approvals.forEach((approval, i) => {
    add(approval.entity, approval.entryCriteria, 'approvals', i, 'entryCriteria');
  });
  return sites;
}
