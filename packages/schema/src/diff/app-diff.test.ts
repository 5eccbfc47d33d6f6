import { describe, expect, it } from 'vitest';
import { diffAppDocuments } from './app-diff.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const v1 = {
  id: 'app',
  entities: [
    { id: 'deal', label: label('Deal'), fields: [{ id: 'amount', type: 'number', label: label('Amount') }] },
    { id: 'note', label: label('Note'), fields: [] },
  ],
  forms: [{ id: 'dealForm', label: label('Deal form') }],
  stageMachines: [{ id: 'pipe', entity: 'deal', stages: [{ id: 'a', label: label('A') }] }],
};
const v2 = {
  id: 'app',
  entities: [
    {
      id: 'deal',
      label: label('Deal'),
      fields: [
        { id: 'source', type: 'text', label: label('Source') },
        { id: 'amount', type: 'number', label: label('Amount'), required: true },
      ],
    },
  ],
  forms: [{ id: 'dealForm', label: label('Deal sheet') }],
  stageMachines: [
    {
      id: 'pipe',
      entity: 'deal',
      stages: [
        { id: 'a', label: label('A') },
        { id: 'b', label: label('B') },
      ],
    },
  ],
  automations: [{ id: 'remind', name: label('Remind') }],
};

describe('diffAppDocuments', () => {
  it('reports added, removed and changed elements by id with JSON pointers and labels', () => {
    const changes = diffAppDocuments(v1, v2);
    expect(changes).toEqual([
      { kind: 'removed', list: 'entities', id: 'note', path: '/entities/1', label: label('Note') },
      {
        kind: 'added',
        list: 'fields',
        id: 'source',
        parent: 'deal',
        path: '/entities/0/fields/0',
        label: label('Source'),
      },
      {
        kind: 'changed',
        list: 'fields',
        id: 'amount',
        parent: 'deal',
        path: '/entities/0/fields/1',
        label: label('Amount'),
        keys: ['required'],
      },
      {
        kind: 'changed',
        list: 'forms',
        id: 'dealForm',
        path: '/forms/0',
        label: label('Deal sheet'),
        keys: ['label'],
      },
      {
        kind: 'added',
        list: 'stages',
        id: 'b',
        parent: 'pipe',
        path: '/stageMachines/0/stages/1',
        label: label('B'),
      },
      { kind: 'added', list: 'automations', id: 'remind', path: '/automations/0', label: label('Remind') },
    ]);
  });

  it('finds nothing between a document and itself, whatever the key order', () => {
    expect(diffAppDocuments(v2, JSON.parse(JSON.stringify(v2)))).toEqual([]);
    expect(diffAppDocuments(v1, v1)).toEqual([]);
  });
});
