import { describe, expect, it } from 'vitest';
import { initialStageValues, machineFor } from './initial.js';

const machine = {
  id: 'life',
  entity: 'lead',
  label: { en: 'Lifecycle' },
  initialStage: 'mql',
  stages: [
    {
      id: 'mql',
      label: { en: 'MQL' },
      category: 'open' as const,
      probability: 5,
      forecastCategory: 'pipeline' as const,
    },
  ],
  transitions: [],
};

describe('initialStageValues', () => {
  it('puts a new record of an entity with a machine into its initial stage at creation time', () => {
    const now = new Date('2026-01-01T08:00:00Z');
    expect(initialStageValues({ stageMachines: [machine] }, 'lead', now)).toEqual({
      stage: 'mql',
      stageEnteredAt: '2026-01-01T08:00:00.000Z',
    });
    expect(initialStageValues({ stageMachines: [machine] }, 'other', now)).toEqual({});
    expect(machineFor({ stageMachines: [machine] }, 'lead')?.id).toBe('life');
  });
});
