import type { App } from '../documents/app.js';
import { type Field, SYSTEM_FIELDS } from '../documents/entity.js';
import { BUILTIN_ROLES } from '../documents/role.js';
import type { StageMachine } from '../documents/stage-machine.js';
import { NUMERIC_FIELD_TYPES } from '../field-types/field-type-table.js';
import { type Bilingual, type IssueCollector, pointer } from './issues.js';

/** A field found by id, with the column type rules and aggregates see (system fields included). */
export interface IndexedField {
  id: string;
  type: Field['type'];
  /** The type of the stored value: a formula's result type, otherwise the field type. */
  valueType: string;
}

/** What cross-document checks look up: entities by id with their fields, machines, roles. */
export class AppIndex {
  readonly entities = new Map<string, Map<string, IndexedField>>();
  readonly machinesByEntity = new Map<string, StageMachine>();
  readonly machines = new Map<string, StageMachine>();
  readonly roles = new Set<string>(BUILTIN_ROLES);
  readonly approvals = new Set<string>();
  readonly views = new Set<string>();
  readonly dashboards = new Set<string>();

  constructor(app: App) {
    for (const entity of app.entities) {
      if (this.entities.has(entity.id)) continue;
      const fields = new Map<string, IndexedField>();
      for (const [id, type] of Object.entries(SYSTEM_FIELDS)) fields.set(id, { id, type, valueType: type });
      for (const field of entity.fields)
        if (!fields.has(field.id)) {
          const valueType = field.type === 'formula' ? field.resultType : field.type;
          fields.set(field.id, { id: field.id, type: field.type, valueType });
        }
      this.entities.set(entity.id, fields);
    }
    for (const machine of app.stageMachines) {
      if (!this.machines.has(machine.id)) this.machines.set(machine.id, machine);
      if (!this.machinesByEntity.has(machine.entity)) this.machinesByEntity.set(machine.entity, machine);
    }
    for (const role of app.roles) this.roles.add(role.id);
    for (const approval of app.approvals) this.approvals.add(approval.id);
    for (const view of app.views) this.views.add(view.id);
    for (const dashboard of app.dashboards) this.dashboards.add(dashboard.id);
  }

  field(entityId: string, fieldId: string): IndexedField | undefined {
    return this.entities.get(entityId)?.get(fieldId);
  }
}

/** Checks made while walking one app; each method reports at an exact JSON path. */
export class Checker {
  constructor(
    readonly index: AppIndex,
    readonly out: IssueCollector,
  ) {}

  private unknown(path: PropertyKey[], what: Bilingual): void {
    this.out.add('REFERENCE_UNKNOWN', pointer(...path), what);
  }

  /** An entity id must name an entity of the app. Returns whether it does. */
  entity(entityId: string, path: PropertyKey[]): boolean {
    if (this.index.entities.has(entityId)) return true;
    this.unknown(path, { en: `Unknown entity "${entityId}".`, 'zh-CN': `实体「${entityId}」不存在。` });
    return false;
  }

  /** A field id must name a field (or a system field) of the entity; unchecked when the entity is unknown. */
  field(entityId: string, fieldId: string, path: PropertyKey[]): IndexedField | undefined {
    if (!this.index.entities.has(entityId)) return undefined;
    const found = this.index.field(entityId, fieldId);
    if (!found)
      this.unknown(path, {
        en: `Entity "${entityId}" has no field "${fieldId}".`,
        'zh-CN': `实体「${entityId}」没有字段「${fieldId}」。`,
      });
    return found;
  }

  role(roleId: string, path: PropertyKey[]): void {
    if (this.index.roles.has(roleId)) return;
    this.unknown(path, { en: `Unknown role "${roleId}".`, 'zh-CN': `角色「${roleId}」不存在。` });
  }

  stage(machine: StageMachine, stageId: string, path: PropertyKey[]): void {
    if (machine.stages.some((s) => s.id === stageId)) return;
    this.unknown(path, {
      en: `Stage machine "${machine.id}" has no stage "${stageId}".`,
      'zh-CN': `阶段流程「${machine.id}」没有阶段「${stageId}」。`,
    });
  }

  /** Reports the second and later uses of an id within one list. */
  unique<T>(
    items: readonly T[] | undefined,
    idOf: (item: T) => string,
    path: PropertyKey[],
    idKey = 'id',
  ): void {
    const seen = new Set<string>();
    items?.forEach((item, i) => {
      const id = idOf(item);
      if (seen.has(id))
        this.out.add('DUPLICATE_ID', pointer(...path, i, idKey), {
          en: `The id "${id}" is used twice.`,
          'zh-CN': `标识「${id}」重复。`,
        });
      seen.add(id);
    });
  }

  /** A field must have one of the given types (for sums, stage pickers…). */
  fieldType(found: IndexedField | undefined, allowed: readonly string[], path: PropertyKey[]): void {
    if (!found || allowed.includes(found.valueType)) return;
    this.out.add('VALIDATION_FAILED', pointer(...path), {
      en: `Field "${found.id}" is of type ${found.valueType}; expected ${allowed.join(' or ')}.`,
      'zh-CN': `字段「${found.id}」的类型为 ${found.valueType}，应为 ${allowed.join(' 或 ')}。`,
    });
  }
}

/** Field types holding numbers, which sums and averages need (from the field-type table). */
export const NUMERIC_TYPES = NUMERIC_FIELD_TYPES;
