/**
 * The conditions of one transition, each checked on its own and reported as issues, so a refusal can
 * list every unmet condition at once (Zoho Blueprint's before / during parts).
 */
import { appTimeZone } from '@stagecraft/rules';
import {
  acceptsFile,
  bothLocales,
  type Criterion,
  type Issue,
  issue,
  type Locale,
  localize,
  localizedIssue,
  type Transition,
} from '@stagecraft/schema';
import { files, message, orList } from './messages.js';
import type { RuleEnv, RulePort } from './rule-port.js';
import type { EvidenceFile, TransitionContext } from './types.js';

/** How explanations name a field: its label in the user's locale, else its id. */
export function fieldLabel(ctx: Pick<TransitionContext, 'labels' | 'locale'>, field: string): string {
  return localize(ctx.labels?.[field], ctx.locale) || field;
}

/** A value counts as filled when it is not null, not blank text and not an empty list. */
export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** The context as the rule language sees it: clock, user, locale and field labels. */
export function ruleEnv(ctx: TransitionContext): RuleEnv {
  const now = ctx.now instanceof Date ? ctx.now : new Date(ctx.now);
  return {
    now,
    timeZone: appTimeZone(ctx.timeZone),
    user: { id: ctx.user.id, roles: [...ctx.user.roles], orgUnit: ctx.user.orgUnit ?? null },
    locale: ctx.locale,
    labels: ctx.labels ?? {},
  };
}

/** The user may run the transition when it names no roles or the user holds one of them. */
export function checkRole(transition: Transition, ctx: TransitionContext): Issue[] {
  const roles = transition.roles;
  if (!roles || roles.length === 0 || roles.some((r) => ctx.user.roles.includes(r))) return [];
  const text = message('role', ctx.locale, {
    roles: orList(roles, ctx.locale),
    transition: localize(transition.label, ctx.locale),
  });
  return [issue('FORBIDDEN', '/to', text, { kind: 'role', transition: transition.id, roles })];
}

/** Criteria (entry or exit) that do not hold on `data`, each with its message and the rule's explanation. */
export function checkCriteria(
  kind: 'entryCriterion' | 'exitCriterion',
  criteria: readonly Criterion[] | undefined,
  data: Record<string, unknown>,
  ctx: TransitionContext,
  rules: RulePort,
  pathOf: (field: string | undefined) => string,
): Issue[] {
  const out: Issue[] = [];
  for (const criterion of criteria ?? []) {
    if (rules.holds(criterion.rule, data, ruleEnv(ctx))) continue;
    const explanation = rules.explain(criterion.rule, data, ruleEnv(ctx));
    out.push(
      localizedIssue('RULE_FAILED', pathOf(criterion.field), bothLocales(criterion.message), ctx.locale, {
        kind,
        criterion: criterion.id,
        ...(criterion.field ? { field: criterion.field } : {}),
        ...(explanation ? { explanation } : {}),
      }),
    );
  }
  return out;
}

/**
 * The transition's fields: each must be filled on the record after the move (the request may
 * supply or overwrite it) and pass its validation rule; fields the transition does not fill are refused.
 */
export function checkFields(
  transition: Transition,
  given: Record<string, unknown>,
  after: Record<string, unknown>,
  ctx: TransitionContext,
  rules: RulePort,
): Issue[] {
  const out: Issue[] = [];
  const name = localize(transition.label, ctx.locale);
  const declared = new Set((transition.fields ?? []).map((f) => f.field));
  for (const key of Object.keys(given)) {
    if (declared.has(key)) continue;
    const text = message('fieldUnknown', ctx.locale, { field: fieldLabel(ctx, key), transition: name });
    out.push(issue('UNKNOWN_FIELD', `/fields/${key}`, text, { kind: 'field', field: key }));
  }
  for (const f of transition.fields ?? []) {
    const path = `/fields/${f.field}`;
    if (!isFilled(after[f.field])) {
      const text = message('fieldRequired', ctx.locale, {
        field: fieldLabel(ctx, f.field),
        transition: name,
      });
      out.push(issue('FIELD_REQUIRED', path, text, { kind: 'field', field: f.field }));
      continue;
    }
    if (f.validation && !rules.holds(f.validation.rule, after, ruleEnv(ctx))) {
      const explanation = rules.explain(f.validation.rule, after, ruleEnv(ctx));
      out.push(
        localizedIssue('RULE_FAILED', path, bothLocales(f.validation.message), ctx.locale, {
          kind: 'field',
          field: f.field,
          ...(explanation ? { explanation } : {}),
        }),
      );
    }
  }
  return out;
}

/** Whether a file matches an `accept` list: MIME types (`image/*`, `application/pdf`) or extensions (`.pdf`). */
export function accepts(accept: readonly string[] | undefined, file: EvidenceFile): boolean {
  return acceptsFile(accept, file);
}

/**
 * Evidence per requirement: at least `minCount` distinct accepted files. Returns the issues and,
 * for a passing step, the accepted attachment ids per requirement (what the store links).
 */
export function checkEvidence(
  transition: Transition,
  given: Record<string, EvidenceFile[]>,
  ctx: TransitionContext,
): { issues: Issue[]; accepted: Record<string, string[]> } {
  const issues: Issue[] = [];
  const accepted: Record<string, string[]> = {};
  const locale: Locale = ctx.locale;
  const name = localize(transition.label, locale);
  const requirements = transition.evidence ?? [];
  const known = new Set(requirements.map((r) => r.id));
  const used = new Set<string>();
  for (const id of Object.keys(given)) {
    if (known.has(id)) continue;
    issues.push(
      issue(
        'VALIDATION_FAILED',
        `/evidence/${id}`,
        message('evidenceUnknown', locale, { transition: name, id }),
        {
          kind: 'evidence',
          requirement: id,
        },
      ),
    );
  }
  for (const req of requirements) {
    const label = localize(req.label, locale);
    const ids: string[] = [];
    (given[req.id] ?? []).forEach((file, index) => {
      if (used.has(file.id)) return;
      if (!accepts(req.accept, file)) {
        const text = message('evidenceRejected', locale, {
          requirement: label,
          name: file.name ?? file.id,
          accept: (req.accept ?? []).join(', '),
        });
        issues.push(
          issue('UPLOAD_TYPE_FORBIDDEN', `/evidence/${req.id}/${index}`, text, {
            kind: 'evidence',
            requirement: req.id,
            file: file.id,
          }),
        );
        return;
      }
      used.add(file.id);
      ids.push(file.id);
    });
    accepted[req.id] = ids;
    if (ids.length < req.minCount) {
      const text = message('evidenceMissing', locale, {
        requirement: label,
        min: req.minCount,
        count: ids.length,
        files: files(req.minCount),
      });
      issues.push(
        issue('EVIDENCE_MISSING', `/evidence/${req.id}`, text, {
          kind: 'evidence',
          requirement: req.id,
          required: req.minCount,
          has: ids.length,
          ...(req.accept ? { accept: req.accept } : {}),
        }),
      );
    }
  }
  return { issues, accepted };
}
