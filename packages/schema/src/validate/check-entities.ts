import type { App } from '../documents/app.js';
import type { Field } from '../documents/entity.js';
import { type Checker, NUMERIC_TYPES } from './app-index.js';
import { pointer } from './issues.js';

/** Fields within an entity (and a subtable), select options, references to other entities. */
function checkFields(c: Checker, entityId: string, fields: readonly Field[], path: PropertyKey[]): void {
  c.unique(fields, (f) => f.id, path);
  fields.forEach((field, j) => {
    const at = [...path, j];
    if (field.type === 'single_select' || field.type === 'multi_select')
      c.unique(field.options, (o) => o.id, [...at, 'options']);
    if (field.type === 'reference' && c.entity(field.entity, [...at, 'entity']) && field.displayField) {
      c.field(field.entity, field.displayField, [...at, 'displayField']);
    }
    if (field.type === 'text' && field.pattern !== undefined) {
      try {
        new RegExp(field.pattern, 'u');
      } catch {
        c.out.add('VALIDATION_FAILED', pointer(...at, 'pattern'), {
          en: 'Not a valid regular expression.',
          'zh-CN': '不是有效的正则表达式。',
        });
      }
    }
    if (field.type === 'subtable') checkFields(c, entityId, field.fields, [...at, 'fields']);
  });
}

/** Entities: unique ids, fields, title field, dedupe keys. */
export function checkEntities(c: Checker, app: App): void {
  c.unique(app.entities, (e) => e.id, ['entities']);
  app.entities.forEach((entity, i) => {
    const at = ['entities', i];
    checkFields(c, entity.id, entity.fields, [...at, 'fields']);
    if (entity.titleField) c.field(entity.id, entity.titleField, [...at, 'titleField']);
    entity.dedupeKeys?.forEach((key, k) => {
      key.forEach((fieldId, m) => {
        c.field(entity.id, fieldId, [...at, 'dedupeKeys', k, m]);
      });
    });
  });
}

/** Forms: entity, sections, items and their fields. */
export function checkForms(c: Checker, app: App): void {
  c.unique(app.forms, (f) => f.id, ['forms']);
  app.forms.forEach((form, i) => {
    const at = ['forms', i];
    const known = c.entity(form.entity, [...at, 'entity']);
    c.unique(form.sections, (s) => s.id, [...at, 'sections']);
    const itemIds = new Set<string>();
    form.sections.forEach((section, s) => {
      section.items.forEach((item, k) => {
        const itemAt = [...at, 'sections', s, 'items', k];
        if (itemIds.has(item.id))
          c.out.add('DUPLICATE_ID', pointer(...itemAt, 'id'), {
            en: `The id "${item.id}" is used twice.`,
            'zh-CN': `标识「${item.id}」重复。`,
          });
        itemIds.add(item.id);
        if (known) c.field(form.entity, item.field, [...itemAt, 'field']);
      });
    });
  });
}

/** Views: entity, columns, sort keys; boards: the entity's stage machine, card fields, aggregates. */
export function checkViews(c: Checker, app: App): void {
  c.unique(app.views, (v) => v.id, ['views']);
  app.views.forEach((view, i) => {
    const at = ['views', i];
    if (!c.entity(view.entity, [...at, 'entity'])) return;
    view.sort?.forEach((key, k) => {
      c.field(view.entity, key.field, [...at, 'sort', k, 'field']);
    });
    if (view.type === 'list') {
      c.unique(view.columns, (col) => col.id, [...at, 'columns']);
      view.columns.forEach((col, k) => {
        c.field(view.entity, col.field, [...at, 'columns', k, 'field']);
      });
      return;
    }
    const machine = c.index.machines.get(view.stageMachine);
    if (!machine) {
      c.out.add('REFERENCE_UNKNOWN', pointer(...at, 'stageMachine'), {
        en: `Unknown stage machine "${view.stageMachine}".`,
        'zh-CN': `阶段流程「${view.stageMachine}」不存在。`,
      });
    } else if (machine.entity !== view.entity) {
      c.out.add('REFERENCE_UNKNOWN', pointer(...at, 'stageMachine'), {
        en: `Stage machine "${machine.id}" belongs to entity "${machine.entity}", not "${view.entity}".`,
        'zh-CN': `阶段流程「${machine.id}」属于实体「${machine.entity}」，而不是「${view.entity}」。`,
      });
    }
    view.cardFields.forEach((fieldId, k) => {
      c.field(view.entity, fieldId, [...at, 'cardFields', k]);
    });
    c.unique(view.aggregates, (a) => a.id, [...at, 'aggregates']);
    view.aggregates?.forEach((agg, k) => {
      const aggAt = [...at, 'aggregates', k];
      if (agg.field === undefined) {
        if (agg.op !== 'count')
          c.out.add('VALIDATION_FAILED', pointer(...aggAt, 'field'), {
            en: `"${agg.op}" needs a field.`,
            'zh-CN': `「${agg.op}」需要指定字段。`,
          });
        return;
      }
      const found = c.field(view.entity, agg.field, [...aggAt, 'field']);
      if (agg.op === 'sum' || agg.op === 'avg') c.fieldType(found, NUMERIC_TYPES, [...aggAt, 'field']);
    });
  });
}

/** Validation rules: entity and the field the message points at. */
export function checkValidationRules(c: Checker, app: App): void {
  c.unique(app.validationRules, (r) => r.id, ['validationRules']);
  app.validationRules.forEach((rule, i) => {
    const at = ['validationRules', i];
    if (c.entity(rule.entity, [...at, 'entity']) && rule.field)
      c.field(rule.entity, rule.field, [...at, 'field']);
  });
}

/** Roles: unique ids, permission entities and fields. */
export function checkRoles(c: Checker, app: App): void {
  c.unique(app.roles, (r) => r.id, ['roles']);
  app.roles.forEach((role, i) => {
    const at = ['roles', i];
    c.unique(role.permissions, (p) => p.entity, [...at, 'permissions'], 'entity');
    role.permissions.forEach((perm, k) => {
      const permAt = [...at, 'permissions', k];
      if (!c.entity(perm.entity, [...permAt, 'entity'])) return;
      c.unique(perm.fields, (f) => f.field, [...permAt, 'fields'], 'field');
      perm.fields?.forEach((f, m) => {
        c.field(perm.entity, f.field, [...permAt, 'fields', m, 'field']);
      });
    });
  });
}

/** Navigation entries point at views and dashboards that exist. */
export function checkNavigation(c: Checker, app: App): void {
  c.unique(app.navigation, (n) => n.id, ['navigation']);
  app.navigation?.forEach((item, i) => {
    if (item.view && !c.index.views.has(item.view)) {
      c.out.add('REFERENCE_UNKNOWN', pointer('navigation', i, 'view'), {
        en: `Unknown view "${item.view}".`,
        'zh-CN': `视图「${item.view}」不存在。`,
      });
    }
    if (item.dashboard && !c.index.dashboards.has(item.dashboard)) {
      c.out.add('REFERENCE_UNKNOWN', pointer('navigation', i, 'dashboard'), {
        en: `Unknown dashboard "${item.dashboard}".`,
        'zh-CN': `仪表盘「${item.dashboard}」不存在。`,
      });
    }
  });
}
