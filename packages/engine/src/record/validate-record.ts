/**
 * Record validation against a published version: the server calls it before every create and
 * update, and hands the normalized values to the store. Pure: clock and user come in the context.
 */
import { appTimeZone, buildRuleContext, type RuleContext, RuleError } from '@stagecraft/rules';
import {
  type App,
  bothLocales,
  type Issue,
  isPlainObject,
  localizedIssue,
  pointer,
  type Result,
} from '@stagecraft/schema';
import { type CompiledEntity, compileEntity } from './compiled-entity.js';
import {
  fieldValueIssues,
  keyIssues,
  normalize,
  readOnlyIssues,
  requiredIssues,
  text,
} from './field-checks.js';
import { formRequirementIssues } from './form-conditions.js';
import { applyFormulas } from './formulas.js';
import { payloadWalkIssues } from './payload-walk.js';
import type { RecordValidator, RecordWrite } from './types.js';

/** Runs rule evaluations; one that exceeds its budget becomes issues at `path` instead of a crash. */
function guarded(run: () => Issue[], path: string, details: Record<string, string>): Issue[] {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    return error.issues.map((i) => ({ ...i, path, details }));
  }
}

/**
 * The rule context of a write: the write's clock, user and zone (the caller's resolved zone, else
 * the app's setting, else the default) through the one builder the browser's forms use too.
 */
export function recordRuleContext(app: App, write: RecordWrite): RuleContext {
  return buildRuleContext({
    now: write.context.now,
    timeZone: write.context.timeZone ?? appTimeZone(app.settings?.timeZone),
    user: write.context.user,
    previous: write.previous ?? null,
    locale: write.context.locale,
  });
}

/** Runs one write through a compiled entity. */
export function validateWrite(
  app: App,
  compiled: CompiledEntity,
  write: RecordWrite,
): Result<Record<string, unknown>> {
  const locale = write.context.locale;
  if (!isPlainObject(write.values))
    return { ok: false, issues: [localizedIssue('VALIDATION_FAILED', '', text.notObject, locale)] };
  const values = write.values;
  const keys = [...keyIssues(compiled, values, locale), ...payloadWalkIssues(values, locale)];
  if (keys.length > 0) return { ok: false, issues: keys };
  const required = requiredIssues(compiled, write, values);
  // A blank required field is reported as missing, not as failing its pattern.
  const missing = new Set(required.map((i) => i.path));
  const typed = fieldValueIssues(compiled, values, locale).filter((i) => !missing.has(i.path));
  const issues = [...required, ...typed];
  if (issues.length > 0) return { ok: false, issues };

  const out = normalize(compiled.entity.fields, values);
  const forged = readOnlyIssues(compiled, write, out);
  if (forged.length > 0) return { ok: false, issues: forged };
  const context = recordRuleContext(app, write);
  for (const { field, formulas } of compiled.subtables) {
    const rows = out[field.id];
    if (!Array.isArray(rows)) continue;
    out[field.id] = rows.map((row: Record<string, unknown>, i) => {
      const computed = { ...row };
      issues.push(...applyFormulas(formulas, { ...row }, context, computed, [field.id, i]));
      return computed;
    });
  }
  const record: Record<string, unknown> = { ...(write.previous ?? {}), ...write.system, ...out };
  issues.push(...applyFormulas(compiled.formulas, record, context, out));
  if (issues.length > 0) return { ok: false, issues };
  for (const rule of compiled.rules) {
    if (!rule.on.includes(write.operation)) continue;
    const path = rule.field ? pointer(rule.field) : '';
    const details = { rule: rule.id };
    issues.push(
      ...guarded(
        () => {
          if (rule.appliesWhen && !rule.appliesWhen(record, context)) return [];
          if (rule.assert(record, context)) return [];
          return [localizedIssue('RULE_FAILED', path, bothLocales(rule.message), locale, details)];
        },
        path,
        details,
      ),
    );
  }
  // A form's required-when adds an issue only where no validation rule already explains the field.
  const explained = new Set(issues.map((i) => i.path));
  const formRequired = guarded(
    () => formRequirementIssues(compiled.formRequirements, record, context, locale),
    '',
    {},
  );
  issues.push(...formRequired.filter((i) => !explained.has(i.path)));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: out };
}

/**
 * The validator of one published app version. Keep it as long as the version is current (the
 * server caches it per version): each entity's formulas and rules compile on first use only.
 */
export function compileRecordValidator(app: App): RecordValidator {
  const compiled = new Map<string, CompiledEntity>();
  return {
    app,
    validate(write) {
      let entry = compiled.get(write.entityId);
      if (!entry) {
        const entity = app.entities.find((e) => e.id === write.entityId);
        if (!entity)
          return {
            ok: false,
            issues: [
              localizedIssue('ENTITY_NOT_FOUND', '', text.entity(write.entityId), write.context.locale),
            ],
          };
        entry = compileEntity(app, entity);
        compiled.set(write.entityId, entry);
      }
      return validateWrite(app, entry, write);
    },
  };
}

const validators = new Map<string, RecordValidator>();
const MAX_CACHED_VERSIONS = 64;

/**
 * Validates one write without holding a validator: validators are cached by `versionKey`, which
 * must name the published version uniquely (e.g. `workspace/app@3`). Prefer `compileRecordValidator`
 * when the caller already keeps per-version state.
 */
export function validateRecord(
  input: RecordWrite & { app: App; versionKey: string },
): Result<Record<string, unknown>> {
  let validator = validators.get(input.versionKey);
  if (!validator) {
    validator = compileRecordValidator(input.app);
    validators.set(input.versionKey, validator);
    if (validators.size > MAX_CACHED_VERSIONS) validators.delete(validators.keys().next().value as string);
  }
  return validator.validate(input);
}
