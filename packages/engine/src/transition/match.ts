/** Which transitions lead out of a stage: explicit ids plus the `@open`/`@won`/`@lost`/`*` wildcards. */
import type { Stage, StageMachine, Transition } from '@stagecraft/schema';

/** The stage with this id, if the machine declares it. */
export function findStage(machine: StageMachine, id: string | null | undefined): Stage | undefined {
  return id == null ? undefined : machine.stages.find((s) => s.id === id);
}

/** Whether `transition` may start from `stageId`. A transition never leads to the stage it starts from. */
export function startsFrom(machine: StageMachine, transition: Transition, stageId: string): boolean {
  if (transition.to === stageId) return false;
  const stage = findStage(machine, stageId);
  return transition.from.some((from) => {
    if (from === '*') return true;
    if (from === '@open' || from === '@won' || from === '@lost') return stage?.category === from.slice(1);
    return from === stageId;
  });
}

/** Every transition that leads out of `stageId`, in declaration order. */
export function transitionsFrom(machine: StageMachine, stageId: string): Transition[] {
  return machine.transitions.filter((t) => startsFrom(machine, t, stageId));
}

/** The stage a record is in; a record without a stage counts as being in the machine's initial stage. */
export function currentStageId(machine: StageMachine, stage: string | null | undefined): string {
  return stage ?? machine.initialStage;
}
