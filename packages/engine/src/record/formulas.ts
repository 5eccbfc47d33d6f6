/**
 * Formula fields are computed on every write from the record as it will be stored, so the column
 * always holds what the expression says. The client may not send them.
 */
import { type CompiledRule, compile, type RuleContext, RuleError } from '@stagecraft/rules';
import { type Field, type FORMULA_RESULT_TYPES, type Issue, issue, pointer } from '@stagecraft/schema';

type ResultType = (typeof FORMULA_RESULT_TYPES)[number];

/** A formula field with its expression compiled once per published version. */
export interface CompiledFormula {
  id: string;
  resultType: ResultType;
  evaluate: CompiledRule;
}

/** Compiles the formulas among `fields`, in declaration order (a formula may read earlier ones). */
export function compileFormulas(fields: readonly Field[]): CompiledFormula[] {
  const out: CompiledFormula[] = [];
  for (const f of fields) {
    if (f.type === 'formula')
      out.push({ id: f.id, resultType: f.resultType, evaluate: compile(f.expression) });
  }
  return out;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Brings a formula's raw result to its declared type; anything that does not fit becomes null. */
export function coerceFormulaResult(value: unknown, type: ResultType): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'number':
    case 'percent':
    case 'currency': {
      const n =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && value.trim() !== ''
            ? Number(value)
            : Number.NaN;
      if (!Number.isFinite(n)) return null;
      return type === 'currency' ? Math.round(n * 100) / 100 : n;
    }
    case 'text':
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'boolean':
      return Array.isArray(value) ? value.length > 0 : Boolean(value);
    case 'date':
    case 'datetime': {
      if (type === 'date' && typeof value === 'string' && DATE.test(value)) return value;
      const ms =
        value instanceof Date
          ? value.getTime()
          : typeof value === 'string' || typeof value === 'number'
            ? new Date(value).getTime()
            : Number.NaN;
      if (!Number.isFinite(ms)) return null;
      const iso = new Date(ms).toISOString();
      return type === 'date' ? iso.slice(0, 10) : iso;
    }
  }
}

/**
 * Evaluates formulas over `data` in order, writing each result into `data` (later formulas see it)
 * and into `out`. A formula that exceeds the evaluation budget is reported at its field.
 */
export function applyFormulas(
  formulas: readonly CompiledFormula[],
  data: Record<string, unknown>,
  context: RuleContext,
  out: Record<string, unknown>,
  basePath: PropertyKey[] = [],
): Issue[] {
  const issues: Issue[] = [];
  for (const f of formulas) {
    try {
      const value = coerceFormulaResult(f.evaluate(data, context), f.resultType);
      data[f.id] = value;
      out[f.id] = value;
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      const first = error.issues[0];
      issues.push(
        issue(first?.code ?? 'RULE_INVALID', pointer(...basePath, f.id), first?.messages ?? first?.message),
      );
    }
  }
  return issues;
}
