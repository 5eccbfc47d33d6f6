import { type RuleContext, truthy } from '@stagecraft/rules';
import type { Form } from '@stagecraft/schema';
import type { RuleRuntime } from '../rules/rule-runtime.js';

/** The live state of every condition of a form: which sections/items are visible, required, read-only. */
export interface ConditionState {
  hidden: ReadonlySet<string>;
  required: ReadonlySet<string>;
  readOnly: ReadonlySet<string>;
}

interface Compiled {
  /** `section:<id>` or `item:<id>` */
  target: string;
  kind: 'hidden' | 'required' | 'readOnly';
  run(data: Record<string, unknown>, context?: RuleContext): unknown;
  reads: string[];
}

/**
 * Compiles a form's conditions once (per form version) and re-evaluates only the conditions that
 * read a changed field, using the rule package's `fieldsRead` analysis. Each evaluation gets the
 * form's rule context (`formRuleContext`), so a condition on `today` or the user means what it
 * means on the server.
 */
export class FormConditions {
  private readonly compiled: Compiled[] = [];
  private readonly results = new Map<Compiled, boolean>();

  constructor(form: Form, rules: RuleRuntime) {
    const add = (target: string, kind: Compiled['kind'], rule: unknown) => {
      if (rule === undefined) return;
      const fn = rules.compile(rule);
      this.compiled.push({ target, kind, run: fn, reads: rules.fieldsRead(rule) });
    };
    for (const s of form.sections) {
      add(`section:${s.id}`, 'hidden', s.visibleWhen);
      for (const it of s.items) {
        add(`item:${it.id}`, 'hidden', it.visibleWhen);
        add(`item:${it.id}`, 'required', it.requiredWhen);
        add(`item:${it.id}`, 'readOnly', it.readOnlyWhen);
      }
    }
  }

  /** Evaluates every condition (first render). */
  evaluateAll(data: Record<string, unknown>, context?: RuleContext): ConditionState {
    for (const c of this.compiled) this.results.set(c, this.run(c, data, context));
    return this.state();
  }

  /** Re-evaluates only conditions that read one of `changed`; returns how many ran (for tests) and the state. */
  update(
    data: Record<string, unknown>,
    changed: string[],
    context?: RuleContext,
  ): { state: ConditionState; evaluated: number } {
    let evaluated = 0;
    for (const c of this.compiled) {
      if (c.reads.some((f) => changed.includes(f))) {
        this.results.set(c, this.run(c, data, context));
        evaluated++;
      }
    }
    return { state: this.state(), evaluated };
  }

  private run(c: Compiled, data: Record<string, unknown>, context: RuleContext | undefined): boolean {
    let v: boolean;
    try {
      v = truthy(c.run(data, context));
    } catch {
      v = false; // a rule that cannot run does not hide or require anything; the server decides
    }
    return c.kind === 'hidden' ? !v : v;
  }

  private state(): ConditionState {
    const out = { hidden: new Set<string>(), required: new Set<string>(), readOnly: new Set<string>() };
    for (const [c, on] of this.results) if (on) out[c.kind].add(c.target);
    return out;
  }
}
