import { compile, fieldsRead, type RuleContext } from '@stagecraft/rules';

/**
 * The slice of the rule language the renderer needs: compile a rule once, run it on every change
 * with the form's rule context (`formRuleContext`), and know which fields it reads so only the
 * affected conditions are recomputed. A port, so tests or hosts can pass another conforming evaluator.
 */
export interface RuleRuntime {
  compile(rule: unknown): (data: Record<string, unknown>, context?: RuleContext) => unknown;
  fieldsRead(rule: unknown): string[];
}

/** @stagecraft/rules: the same evaluator the server runs, so the browser and server agree. */
export const defaultRuleRuntime: RuleRuntime = {
  compile: (rule) => {
    const fn = compile(rule);
    return (data, context) => fn(data, context);
  },
  fieldsRead,
};
