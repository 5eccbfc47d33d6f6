/** Where a new record starts: the initial stage of its entity's machine, entered at creation time. */
import type { App, StageMachine } from '@stagecraft/schema';

/** The stage machine of an entity, if the app declares one. */
export function machineFor(app: Pick<App, 'stageMachines'>, entityId: string): StageMachine | undefined {
  return app.stageMachines.find((m) => m.entity === entityId);
}

/**
 * The system values a record gets at creation when its entity has a stage machine (`{}` when not):
 * the record repository or the create route merges them before inserting.
 */
export function initialStageValues(
  app: Pick<App, 'stageMachines'>,
  entityId: string,
  now: Date,
): { stage: string; stageEnteredAt: string } | Record<string, never> {
  const machine = machineFor(app, entityId);
  return machine ? { stage: machine.initialStage, stageEnteredAt: now.toISOString() } : {};
}
