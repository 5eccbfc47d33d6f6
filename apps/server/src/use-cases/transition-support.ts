/**
 * What the transition routes share: the machine of an entity, the step's context for a request,
 * the evidence files a request names (checked against the attachments table), and the 422
 * TRANSITION_BLOCKED envelope listing every unmet condition.
 */
import { type EvidenceFile, machineFor, type TransitionContext } from '@stagecraft/engine';
import {
  type Entity,
  ERROR_CODES,
  type Issue,
  issue,
  type Locale,
  type LocalizedText,
  type StageMachine,
} from '@stagecraft/schema';
import type { Actor } from '@stagecraft/store';
import { localizeIssue } from '../errors/envelope.js';
import { fail } from '../errors/issues-error.js';
import type { PublishedApp } from '../records/published-apps.js';
import type { RecordWriteContext } from '../records/record-validation.js';
import type { ServerServices } from '../services.js';
import { type EntityRequest, ruleContextOf } from './request-context.js';

/** The stage machine of an entity, or TRANSITION_NOT_FOUND when the entity has none. */
export function machineOf(app: PublishedApp, entityId: string): StageMachine {
  const machine = machineFor(app.definition, entityId);
  if (!machine)
    fail('TRANSITION_NOT_FOUND', '', {
      en: 'This entity has no stage machine.',
      'zh-CN': '该实体没有阶段流程。',
    });
  return machine;
}

/** Field labels by id, so explanations name fields as users see them. */
export function fieldLabels(entity: Entity): Record<string, LocalizedText> {
  return Object.fromEntries(entity.fields.map((f) => [f.id, f.label]));
}

/**
 * The step's context for this request: the signed-in user (with org unit), the request's one
 * clock reading, the app's zone and the caller's language: the same rule context as record writes.
 */
export function stepContextOf(
  req: EntityRequest,
): TransitionContext & RecordWriteContext & { timeZone: string } {
  return { ...ruleContextOf(req), labels: fieldLabels(req.entity) };
}

/**
 * The files a request offers as evidence. Each id must be an attachment of the workspace, not yet
 * evidence of any transition, and either uploaded by this user or attached to this record;
 * anything else is an issue at `/evidence/<requirement>/<index>`.
 */
export async function evidenceFiles(
  services: ServerServices,
  actor: Actor,
  target: { app: string; entity: string; id: string },
  evidence: Record<string, string[]>,
): Promise<{ files: Record<string, EvidenceFile[]>; issues: Issue[] }> {
  const ids = [...new Set(Object.values(evidence).flat())];
  const found = new Map((await services.store.attachments.findMany(actor, ids)).map((a) => [a.id, a]));
  const files: Record<string, EvidenceFile[]> = {};
  const issues: Issue[] = [];
  for (const [requirement, list] of Object.entries(evidence)) {
    files[requirement] = [];
    for (const [index, id] of list.entries()) {
      const path = `/evidence/${requirement}/${index}`;
      const a = found.get(id);
      if (!a) {
        issues.push(issue('NOT_FOUND', path, undefined, { kind: 'evidence', attachment: id }));
        continue;
      }
      const onThisRecord = a.app === target.app && a.entity === target.entity && a.recordId === target.id;
      if (a.historyId !== null || (a.recordId !== null && !onThisRecord)) {
        issues.push(issue('ATTACHMENT_IN_USE', path, undefined, { kind: 'evidence', attachment: id }));
      } else if (a.uploadedBy !== actor.userId && !onThisRecord) {
        issues.push(issue('FORBIDDEN', path, undefined, { kind: 'evidence', attachment: id }));
      } else {
        files[requirement]?.push({ id: a.id, mime: a.mime, name: a.name, size: a.size });
      }
    }
  }
  return { files, issues };
}

/** The 422 body of a refused transition: TRANSITION_BLOCKED with one detail per unmet condition. */
export function blockedEnvelope(issues: Issue[], locale: Locale) {
  const details = issues.map((i) => ({
    path: i.path,
    code: i.code,
    message: localizeIssue(i, locale),
    ...(i.details === undefined ? {} : { details: i.details }),
  }));
  const message = [ERROR_CODES.TRANSITION_BLOCKED[locale], ...details.map((d) => d.message)].join(
    locale === 'zh-CN' ? '' : ' ',
  );
  return { error: { code: 'TRANSITION_BLOCKED' as const, message, details } };
}
