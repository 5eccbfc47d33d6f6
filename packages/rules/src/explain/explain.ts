import type { Locale, LocalizedText } from '@stagecraft/schema';
import { apply } from '../compile.js';
import type { RuleContext } from '../context.js';
import { argumentsOf, operationOf } from '../operators/descriptor.js';
import { childPath } from '../rule-error.js';
import { truthy } from '../runtime.js';
import { Renderer } from './render.js';

/** Options of `explain`: the user's language and the labels of the fields. */
export interface ExplainOptions {
  locale: Locale;
  labels: Record<string, LocalizedText>;
}

/** Whether the condition held and, if not, the clauses that failed in the user's terms. */
export interface Explanation {
  ok: boolean;
  failed: { path: string; text: string }[];
}

const CURRENTLY = { en: (v: string) => ` (currently ${v})`, 'zh-CN': (v: string) => `（当前：${v}）` };
const FILL_IN = { en: (f: string) => `fill in ${f}`, 'zh-CN': (f: string) => `请填写 ${f}` };
const WHEN = {
  en: (c: string, t: string) => `when ${c}: ${t}`,
  'zh-CN': (c: string, t: string) => `当 ${c} 时，${t}`,
};

/**
 * Explains a condition against a record: which clauses are false, written with field labels in the
 * user's language (`金额 > 500,000（当前：300,000）`). `and` lists every false clause, `if` explains the
 * branch that applied, `or` is one clause; any other clause is reported whole at its JSON path.
 */
export function explain(
  rule: unknown,
  data: unknown,
  context: RuleContext | undefined,
  options: ExplainOptions,
): Explanation {
  const render = new Renderer(options.locale, options.labels);
  // apply caches compiled sub-rules by identity, so explaining the same rule again compiles nothing
  const holds = (node: unknown) => truthy(apply(node, data, context));
  if (holds(rule)) return { ok: true, failed: [] };
  const failed: Explanation['failed'] = [];

  const clause = (node: unknown, path: string, prefix?: string) => {
    let text = render.node(node);
    const operation = operationOf(node);
    const inner = operation?.op === '!' ? operationOf(argumentsOf(operation.args)[0]) : null;
    if (inner?.op === 'missing') {
      // "fill in" names only the fields that are actually missing
      const gone = apply({ missing: inner.args }, data, context);
      text = FILL_IN[options.locale](render.fields(gone as unknown[]));
    }
    if (operation && ['==', '!=', '===', '!==', '<', '>', '<=', '>=', 'in'].includes(operation.op)) {
      const first = argumentsOf(operation.args)[0];
      if (operationOf(first)) text += CURRENTLY[options.locale](render.value(apply(first, data, context)));
    }
    failed.push({ path, text: prefix ? prefix + text : text });
  };

  const visit = (node: unknown, path: string, prefix?: string): void => {
    const operation = operationOf(node);
    if (!operation) {
      clause(node, path, prefix);
      return;
    }
    const args = argumentsOf(operation.args);
    const opPath = childPath(path, operation.op);
    if (operation.op === 'and') {
      args.forEach((a, i) => {
        if (!holds(a)) visit(a, childPath(opPath, i), prefix);
      });
      return;
    }
    if (operation.op === 'if' || operation.op === '?:') {
      let i = 0;
      for (; i < args.length - 1; i += 2) {
        if (holds(args[i])) {
          const when = render.node(args[i]);
          visit(args[i + 1], childPath(opPath, i + 1), `${prefix ?? ''}${WHEN[options.locale](when, '')}`);
          return;
        }
      }
      if (args.length === i + 1) visit(args[i], childPath(opPath, i), prefix);
      else clause(node, path, prefix);
      return;
    }
    clause(node, path, prefix);
  };

  visit(rule, '');
  return { ok: false, failed };
}

/** A condition written in the user's terms (`金额 > 500,000`), e.g. an approval's threshold. */
export function describeRule(rule: unknown, options: ExplainOptions): string {
  return new Renderer(options.locale, options.labels).node(rule);
}
