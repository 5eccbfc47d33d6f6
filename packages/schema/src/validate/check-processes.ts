import type { App } from '../documents/app.js';
import type { Recipient, Trigger } from '../documents/automation.js';
import type { StageMachine } from '../documents/stage-machine.js';
import { type Checker, NUMERIC_TYPES } from './app-index.js';
import { pointer } from './issues.js';

const STAGE_WILDCARDS: ReadonlySet<string> = new Set(['@open', '@won', '@lost', '*']);

/** Stage machines: one per entity, stages, transitions, their fields and roles. */
export function checkStageMachines(c: Checker, app: App): void {
  c.unique(app.stageMachines, (m) => m.id, ['stageMachines']);
  const machineOfEntity = new Map<string, string>();
  app.stageMachines.forEach((machine, i) => {
    const at = ['stageMachines', i];
    const other = machineOfEntity.get(machine.entity);
    if (other !== undefined) {
      c.out.add('VALIDATION_FAILED', pointer(...at, 'entity'), {
        en: `Entity "${machine.entity}" already has the stage machine "${other}"; an entity has at most one.`,
        'zh-CN': `实体「${machine.entity}」已有阶段流程「${other}」，每个实体最多一个。`,
      });
    }
    machineOfEntity.set(machine.entity, machine.id);
    const known = c.entity(machine.entity, [...at, 'entity']);
    c.unique(machine.stages, (s) => s.id, [...at, 'stages']);
    c.unique(machine.transitions, (t) => t.id, [...at, 'transitions']);
    c.stage(machine, machine.initialStage, [...at, 'initialStage']);
    machine.stages.forEach((stage, s) => {
      stage.keyFields?.forEach((kf, k) => {
        if (known) c.field(machine.entity, kf.field, [...at, 'stages', s, 'keyFields', k, 'field']);
      });
    });
    machine.transitions.forEach((t, k) => {
      const tAt = [...at, 'transitions', k];
      t.from.forEach((from, m) => {
        if (!STAGE_WILDCARDS.has(from)) c.stage(machine, from, [...tAt, 'from', m]);
      });
      c.stage(machine, t.to, [...tAt, 'to']);
      t.roles?.forEach((role, m) => {
        c.role(role, [...tAt, 'roles', m]);
      });
      c.unique(t.entryCriteria, (cr) => cr.id, [...tAt, 'entryCriteria']);
      c.unique(t.exitCriteria, (cr) => cr.id, [...tAt, 'exitCriteria']);
      c.unique(t.evidence, (e) => e.id, [...tAt, 'evidence']);
      c.unique(t.fields, (f) => f.field, [...tAt, 'fields'], 'field');
      if (!known) return;
      for (const list of ['entryCriteria', 'exitCriteria'] as const) {
        t[list]?.forEach((cr, m) => {
          if (cr.field) c.field(machine.entity, cr.field, [...tAt, list, m, 'field']);
        });
      }
      t.fields?.forEach((f, m) => {
        c.field(machine.entity, f.field, [...tAt, 'fields', m, 'field']);
      });
      for (const key of Object.keys(t.setFields ?? {})) {
        c.field(machine.entity, key, [...tAt, 'setFields', key]);
        if (t.fields?.some((f) => f.field === key))
          c.out.add('VALIDATION_FAILED', pointer(...tAt, 'setFields', key), {
            en: `"${key}" is both a field the user fills and one the server sets; keep one.`,
            'zh-CN': `「${key}」既是用户填写的字段，又是服务器设置的字段；请只保留一处。`,
          });
      }
    });
  });
}

function checkRecipient(c: Checker, entityId: string, r: Recipient, path: PropertyKey[]): void {
  if (r.type === 'role') c.role(r.role, [...path, 'role']);
  if (r.type === 'field')
    c.fieldType(c.field(entityId, r.field, [...path, 'field']), ['user'], [...path, 'field']);
}

function checkValueKeys(
  c: Checker,
  entityId: string,
  values: Record<string, unknown> | undefined,
  path: PropertyKey[],
): void {
  for (const key of Object.keys(values ?? {})) c.field(entityId, key, [...path, key]);
}

/** The entity a reference field points at; anything but a reference field is reported. */
function referencedEntity(
  c: Checker,
  app: App,
  entityId: string,
  fieldId: string,
  path: PropertyKey[],
): string | undefined {
  const found = c.field(entityId, fieldId, path);
  c.fieldType(found, ['reference'], path);
  const field = app.entities.find((e) => e.id === entityId)?.fields.find((f) => f.id === fieldId);
  return field?.type === 'reference' ? field.entity : undefined;
}

function stagesOf(
  c: Checker,
  entityId: string,
  machineId: string | undefined,
  path: PropertyKey[],
): StageMachine | undefined {
  if (machineId === undefined) return c.index.machinesByEntity.get(entityId);
  const machine = c.index.machines.get(machineId);
  if (!machine || machine.entity !== entityId) {
    c.out.add('REFERENCE_UNKNOWN', pointer(...path), {
      en: `Entity "${entityId}" has no stage machine "${machineId}".`,
      'zh-CN': `实体「${entityId}」没有阶段流程「${machineId}」。`,
    });
    return undefined;
  }
  return machine;
}

/**
 * A stage-SLA trigger needs a stage machine on its entity, and every stage it lists must exist and
 * carry an SLA (a listed stage without one would never fire).
 */
function checkStageSlaTrigger(
  c: Checker,
  entityId: string,
  trigger: Extract<Trigger, { type: 'stage_sla' }>,
  path: PropertyKey[],
): void {
  const machine = stagesOf(c, entityId, trigger.stageMachine, [...path, 'stageMachine']);
  if (!machine) {
    if (trigger.stageMachine === undefined)
      c.out.add('REFERENCE_UNKNOWN', pointer(...path, 'type'), {
        en: `Entity "${entityId}" has no stage machine, so it has no stage SLA to watch.`,
        'zh-CN': `实体「${entityId}」没有阶段流程，因此没有可监控的阶段时限。`,
      });
    return;
  }
  trigger.stages?.forEach((stageId, k) => {
    const stage = machine.stages.find((s) => s.id === stageId);
    if (!stage) c.stage(machine, stageId, [...path, 'stages', k]);
    else if (!stage.sla)
      c.out.add('VALIDATION_FAILED', pointer(...path, 'stages', k), {
        en: `Stage "${stageId}" has no SLA (sla.maxHours), so this trigger would never fire for it.`,
        'zh-CN': `阶段「${stageId}」没有时限（sla.maxHours），此触发器对它永远不会触发。`,
      });
  });
}

/** Automations: entity, trigger fields and stages, action fields, recipients, approvals, task entity. */
export function checkAutomations(c: Checker, app: App): void {
  c.unique(app.automations, (a) => a.id, ['automations']);
  app.automations.forEach((auto, i) => {
    const at = ['automations', i];
    if (!c.entity(auto.entity, [...at, 'entity'])) return;
    const trigger = auto.trigger;
    const tAt = [...at, 'trigger'];
    if (trigger.type === 'record_updated')
      trigger.fields?.forEach((f, k) => {
        c.field(auto.entity, f, [...tAt, 'fields', k]);
      });
    if (trigger.type === 'relative_time')
      c.fieldType(
        c.field(auto.entity, trigger.field, [...tAt, 'field']),
        ['date', 'datetime'],
        [...tAt, 'field'],
      );
    if (trigger.type === 'stage_sla') checkStageSlaTrigger(c, auto.entity, trigger, tAt);
    if (trigger.type === 'stage_changed') {
      const machine = stagesOf(c, auto.entity, trigger.stageMachine, [...tAt, 'stageMachine']);
      if (machine) {
        for (const list of ['from', 'to'] as const)
          trigger[list]?.forEach((s, k) => {
            c.stage(machine, s, [...tAt, list, k]);
          });
      }
    }
    c.unique(auto.actions, (a) => a.id, [...at, 'actions']);
    auto.actions.forEach((action, k) => {
      const aAt = [...at, 'actions', k];
      switch (action.type) {
        case 'notify':
          action.recipients.forEach((r, m) => {
            checkRecipient(c, auto.entity, r, [...aAt, 'recipients', m]);
          });
          break;
        case 'create_task':
          checkRecipient(c, auto.entity, action.assignee, [...aAt, 'assignee']);
          if (c.entity(action.entity, [...aAt, 'entity']))
            checkValueKeys(c, action.entity, action.values, [...aAt, 'values']);
          break;
        case 'update_fields': {
          action.lookups?.forEach((f, m) => {
            referencedEntity(c, app, auto.entity, f, [...aAt, 'lookups', m]);
          });
          const written = action.target
            ? referencedEntity(c, app, auto.entity, action.target, [...aAt, 'target'])
            : auto.entity;
          if (written) checkValueKeys(c, written, action.values, [...aAt, 'values']);
          break;
        }
        case 'assign':
          if (action.pool.orgUnitField)
            c.field(auto.entity, action.pool.orgUnitField, [...aAt, 'pool', 'orgUnitField']);
          if (action.pool.role) c.role(action.pool.role, [...aAt, 'pool', 'role']);
          break;
        case 'webhook':
          action.fields?.forEach((f, m) => {
            c.field(auto.entity, f, [...aAt, 'fields', m]);
          });
          break;
        case 'start_approval':
          if (!c.index.approvals.has(action.approval)) {
            c.out.add('REFERENCE_UNKNOWN', pointer(...aAt, 'approval'), {
              en: `Unknown approval "${action.approval}".`,
              'zh-CN': `审批「${action.approval}」不存在。`,
            });
          }
          break;
      }
    });
  });
}

/** Approvals: entity, the transitions they guard, steps, branches and approver roles. */
export function checkApprovals(c: Checker, app: App): void {
  c.unique(app.approvals, (a) => a.id, ['approvals']);
  app.approvals.forEach((approval, i) => {
    const at = ['approvals', i];
    const known = c.entity(approval.entity, [...at, 'entity']);
    const machine = c.index.machinesByEntity.get(approval.entity);
    approval.guardsTransitions?.forEach((tId, k) => {
      if (!known || machine?.transitions.some((t) => t.id === tId)) return;
      c.out.add('REFERENCE_UNKNOWN', pointer(...at, 'guardsTransitions', k), {
        en: `Entity "${approval.entity}" has no transition "${tId}".`,
        'zh-CN': `实体「${approval.entity}」没有阶段推进「${tId}」。`,
      });
    });
    c.unique(approval.steps, (s) => s.id, [...at, 'steps']);
    approval.steps.forEach((step, s) => {
      c.unique(step.branches, (b) => b.id, [...at, 'steps', s, 'branches']);
      step.branches.forEach((branch, b) => {
        if (branch.approvers.type === 'role')
          c.role(branch.approvers.role, [...at, 'steps', s, 'branches', b, 'approvers', 'role']);
      });
    });
  });
}

/** Dashboards: widgets, their entity, measures (fields, ratio parts), dimensions, sort keys, stage machine. */
export function checkDashboards(c: Checker, app: App): void {
  c.unique(app.dashboards, (d) => d.id, ['dashboards']);
  app.dashboards.forEach((dashboard, i) => {
    const at = ['dashboards', i];
    c.unique(dashboard.widgets, (w) => w.id, [...at, 'widgets']);
    dashboard.widgets.forEach((w, k) => {
      const wAt = [...at, 'widgets', k];
      if (!c.entity(w.entity, [...wAt, 'entity'])) return;
      if (w.stageMachine !== undefined) stagesOf(c, w.entity, w.stageMachine, [...wAt, 'stageMachine']);
      c.unique(w.measures, (m) => m.id, [...wAt, 'measures']);
      c.unique(w.dimensions, (d) => d.id, [...wAt, 'dimensions']);
      const measureIds = new Set(w.measures.map((m) => m.id));
      w.measures.forEach((m, j) => {
        const mAt = [...wAt, 'measures', j];
        if (m.op === 'ratio') {
          for (const part of ['numerator', 'denominator'] as const) {
            const ref = m[part];
            if (ref === undefined || ref === m.id || !measureIds.has(ref)) {
              c.out.add('REFERENCE_UNKNOWN', pointer(...mAt, part), {
                en: `A ratio needs a ${part} naming another measure of this widget.`,
                'zh-CN': `比率需要指向本组件中另一个度量的${part === 'numerator' ? '分子' : '分母'}。`,
              });
            }
          }
          return;
        }
        if (m.field === undefined) {
          if (m.op !== 'count')
            c.out.add('VALIDATION_FAILED', pointer(...mAt, 'field'), {
              en: `"${m.op}" needs a field.`,
              'zh-CN': `「${m.op}」需要指定字段。`,
            });
          return;
        }
        const found = c.field(w.entity, m.field, [...mAt, 'field']);
        if (m.op === 'sum' || m.op === 'avg') c.fieldType(found, NUMERIC_TYPES, [...mAt, 'field']);
      });
      w.dimensions?.forEach((d, j) => {
        const found = c.field(w.entity, d.field, [...wAt, 'dimensions', j, 'field']);
        if (d.bucket) c.fieldType(found, ['date', 'datetime'], [...wAt, 'dimensions', j, 'field']);
      });
      const sortable = new Set([...measureIds, ...(w.dimensions ?? []).map((d) => d.id)]);
      w.sort?.forEach((s, j) => {
        if (sortable.has(s.by)) return;
        c.out.add('REFERENCE_UNKNOWN', pointer(...wAt, 'sort', j, 'by'), {
          en: `"${s.by}" is neither a measure nor a dimension of this widget.`,
          'zh-CN': `「${s.by}」不是本组件的度量或维度。`,
        });
      });
    });
  });
}
