/**
 * Everything needed to validate writes of one entity of one published version, compiled once:
 * the formulas (of the record and of subtable rows), the forms'
 * required-when conditions and the app's validation rules for the entity.
 */
import type { CompiledRule } from '@stagecraft/rules';
import type { App, Entity, Field, LocalizedText, SubtableField } from '@stagecraft/schema';
import { type ConditionalRequirement, compileFormRequirements, truthy } from './form-conditions.js';
import { type CompiledFormula, compileFormulas } from './formulas.js';

/** A validation rule ready to run: both conditions compiled to JSON Logic truthiness. */
export interface CompiledValidationRule {
  id: string;
  on: readonly ('create' | 'update')[];
  field?: string;
  message: LocalizedText;
  appliesWhen?: CompiledRule;
  assert: CompiledRule;
}

export interface CompiledEntity {
  entity: Entity;
  fields: ReadonlyMap<string, Field>;
  formulas: CompiledFormula[];
  subtables: { field: SubtableField; formulas: CompiledFormula[] }[];
  rules: CompiledValidationRule[];
  formRequirements: ConditionalRequirement[];
}

/** Compiles one entity of a published app. Throws on a rule that publish should have refused. */
export function compileEntity(app: App, entity: Entity): CompiledEntity {
  return {
    entity,
    fields: new Map(entity.fields.map((f) => [f.id, f])),
    formulas: compileFormulas(entity.fields),
    subtables: entity.fields
      .filter((f): f is SubtableField => f.type === 'subtable')
      .map((field) => ({ field, formulas: compileFormulas(field.fields) }))
      .filter((s) => s.formulas.length > 0),
    formRequirements: compileFormRequirements(app, entity),
    rules: app.validationRules
      .filter((r) => r.entity === entity.id)
      .map((r) => ({
        id: r.id,
        on: r.on ?? ['create', 'update'],
        ...(r.field !== undefined ? { field: r.field } : {}),
        message: r.message,
        ...(r.appliesWhen !== undefined ? { appliesWhen: truthy(r.appliesWhen) } : {}),
        assert: truthy(r.assert),
      })),
  };
}
