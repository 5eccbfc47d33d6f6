import type { LocalizedText, ValidationRule } from '@stagecraft/schema';
import { type Command, command } from '../core/command.js';
import { uniqueId } from '../core/ids.js';
import { setIn } from '../core/path-edit.js';
import { indexOf } from './find.js';

/** Adds a validation rule on an entity (assert true until edited). */
export function addValidationRule(entityId: string, message: LocalizedText): Command {
  return command('add validation rule', (app) => {
    const id = uniqueId(
      'rule',
      app.validationRules.map((r) => r.id),
    );
    const rule: ValidationRule = { id, entity: entityId, assert: true, message };
    return { ...app, validationRules: [...app.validationRules, rule] };
  });
}

/** Sets validation-rule properties (assert, appliesWhen, message, field); undefined clears one. */
export function updateValidationRule(ruleId: string, patch: Partial<ValidationRule>): Command {
  return command(`edit rule ${ruleId}`, (app) => {
    const i = indexOf(app.validationRules, ruleId, 'validation rule');
    let next = app;
    for (const [k, v] of Object.entries(patch)) next = setIn(next, ['validationRules', i, k], v);
    return next;
  });
}

/** Removes a validation rule. */
export function removeValidationRule(ruleId: string): Command {
  return command(`remove rule ${ruleId}`, (app) => ({
    ...app,
    validationRules: app.validationRules.filter((r) => r.id !== ruleId),
  }));
}

/** Replaces the whole document (the JSON editor's edits), as one undoable step. */
export function replaceDocument(doc: unknown): Command {
  return command('edit JSON', () => doc as never);
}

/** Sets any value at a path of the app (the JSON editor of one element). */
export function setAt(path: (string | number)[], value: unknown): Command {
  return command(`edit ${path.join('/')}`, (app) => setIn(app, path, value));
}
