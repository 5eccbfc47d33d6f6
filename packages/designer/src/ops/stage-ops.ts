import type { Criterion, LocalizedText, Stage, StageMachine, Transition } from '@stagecraft/schema';
import { type Command, command } from '../core/command.js';
import { uniqueId } from '../core/ids.js';
import { moveItem, setIn, updateIn } from '../core/path-edit.js';
import { indexOf } from './find.js';

/** Adds a stage machine for an entity with one open stage. */
export function addStageMachine(entityId: string, id: string, label: LocalizedText): Command {
  return command(`add stage machine ${id}`, (app) => ({
    ...app,
    stageMachines: [
      ...app.stageMachines,
      {
        id,
        entity: entityId,
        label,
        initialStage: 'stage1',
        stages: [
          {
            id: 'stage1',
            label: { 'zh-CN': '阶段1', en: 'Stage 1' },
            category: 'open',
            probability: 10,
            forecastCategory: 'pipeline',
          },
        ],
        transitions: [],
      },
    ],
  }));
}

function machinePath(app: { stageMachines: StageMachine[] }, machineId: string): ['stageMachines', number] {
  return ['stageMachines', indexOf(app.stageMachines, machineId, 'stage machine')];
}

/** Appends an open stage with a fresh id; the label is numbered after the stage count. */
export function addStage(machineId: string): Command {
  return command('add stage', (app) => {
    const p = machinePath(app, machineId);
    const m = app.stageMachines[p[1]] as StageMachine;
    const id = uniqueId(
      'stage',
      m.stages.map((s) => s.id),
    );
    const n = id.slice(5);
    const stage: Stage = {
      id,
      label: { 'zh-CN': `阶段${n}`, en: `Stage ${n}` },
      category: 'open',
      probability: Math.min(90, m.stages.length * 20 + 10),
      forecastCategory: 'pipeline',
    };
    return updateIn(app, [...p, 'stages'], (ss) => [...(ss as Stage[]), stage]);
  });
}

/** Sets stage properties; undefined clears one (SLA, guidance, key fields). */
export function updateStage(machineId: string, stageId: string, patch: Partial<Stage>): Command {
  return command(`edit stage ${stageId}`, (app) => {
    const p = machinePath(app, machineId);
    const s = indexOf((app.stageMachines[p[1]] as StageMachine).stages, stageId, 'stage');
    let next = app;
    for (const [k, v] of Object.entries(patch)) next = setIn(next, [...p, 'stages', s, k], v);
    return next;
  });
}

/** Reorders stages (drag in the list, or keyboard). */
export function moveStage(machineId: string, stageId: string, to: number): Command {
  return command(`move stage ${stageId}`, (app) => {
    const p = machinePath(app, machineId);
    const stages = (app.stageMachines[p[1]] as StageMachine).stages;
    const from = indexOf(stages, stageId, 'stage');
    return from === to ? app : setIn(app, [...p, 'stages'], moveItem(stages, from, to));
  });
}

/** Removes a stage and the transitions into it; those leaving it keep their other sources. */
export function removeStage(machineId: string, stageId: string): Command {
  return command(`remove stage ${stageId}`, (app) => {
    const p = machinePath(app, machineId);
    const m = app.stageMachines[p[1]] as StageMachine;
    if (m.stages.length < 2) return app;
    const stages = m.stages.filter((s) => s.id !== stageId);
    const transitions = m.transitions
      .filter((t) => t.to !== stageId)
      .map((t) => ({ ...t, from: t.from.filter((f) => f !== stageId) }))
      .filter((t) => t.from.length > 0);
    const initialStage = m.initialStage === stageId ? (stages[0] as Stage).id : m.initialStage;
    return setIn(app, p, { ...m, stages, transitions, initialStage });
  });
}

/** Adds a transition (from may hold `@open`, `*` … for a common transition). */
export function addTransition(machineId: string, from: string[], to: string, label: LocalizedText): Command {
  return command(`add transition to ${to}`, (app) => {
    const p = machinePath(app, machineId);
    const m = app.stageMachines[p[1]] as StageMachine;
    const id = uniqueId(
      `to_${to}`,
      m.transitions.map((t) => t.id),
    );
    return updateIn(app, [...p, 'transitions'], (ts) => [...(ts as Transition[]), { id, label, from, to }]);
  });
}

/** Sets transition properties (roles, criteria, fields, evidence); undefined clears one. */
export function updateTransition(
  machineId: string,
  transitionId: string,
  patch: Partial<Transition>,
): Command {
  return command(`edit transition ${transitionId}`, (app) => {
    const p = machinePath(app, machineId);
    const t = indexOf((app.stageMachines[p[1]] as StageMachine).transitions, transitionId, 'transition');
    let next = app;
    for (const [k, v] of Object.entries(patch)) next = setIn(next, [...p, 'transitions', t, k], v);
    return next;
  });
}

/** Removes a transition. */
export function removeTransition(machineId: string, transitionId: string): Command {
  return command(`remove transition ${transitionId}`, (app) => {
    const p = machinePath(app, machineId);
    return updateIn(app, [...p, 'transitions'], (ts) =>
      (ts as Transition[]).filter((t) => t.id !== transitionId),
    );
  });
}

/** A new criterion with a fresh id among `existing`. */
export function newCriterion(
  existing: readonly Criterion[] | undefined,
  rule: unknown,
  message: LocalizedText,
): Criterion {
  return {
    id: uniqueId(
      'rule',
      (existing ?? []).map((c) => c.id),
    ),
    rule: rule as Criterion['rule'],
    message,
  };
}
