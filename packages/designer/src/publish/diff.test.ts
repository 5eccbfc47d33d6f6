import type { App } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { normalizeDraft } from '../core/normalize.js';
import { removeField, updateField } from '../ops/entity-ops.js';
import { dropNewField } from '../ops/form-ops.js';
import { diffApps, isEmptyDiff } from './diff.js';
import { problemsOf, targetOf } from './problems.js';

const base = (): App =>
  normalizeDraft({
    schemaVersion: 2,
    id: 'demo',
    label: { en: 'Demo' },
    entities: [
      {
        id: 'ticket',
        label: { en: 'Ticket' },
        fields: [
          { id: 'name', label: { en: 'Name' }, type: 'text' },
          { id: 'notes', label: { en: 'Notes' }, type: 'long_text' },
        ],
      },
    ],
    forms: [
      {
        id: 'ticketForm',
        entity: 'ticket',
        label: { en: 'Ticket' },
        sections: [
          {
            id: 'main',
            items: [
              { id: 'name', field: 'name' },
              { id: 'notes', field: 'notes' },
            ],
          },
        ],
      },
    ],
  });

describe('diffApps', () => {
  it('lists fields added, removed and changed, and documents changed', () => {
    const published = base();
    let draft = dropNewField({ form: 'ticketForm', section: 'main', index: 2 }, 'currency').run(published);
    draft = removeField('ticket', 'notes').run(draft);
    draft = updateField('ticket', 'name', { required: true }).run(draft);
    const diff = diffApps(published, draft);
    expect(diff.fields).toEqual([
      { entity: 'ticket', field: 'name', kind: 'changed', label: { en: 'Name' }, keys: ['required'] },
      { entity: 'ticket', field: 'currency1', kind: 'added', label: { 'zh-CN': '金额1', en: 'Currency 1' } },
      { entity: 'ticket', field: 'notes', kind: 'removed', label: { en: 'Notes' } },
    ]);
    expect(diff.documents).toEqual([{ kind: 'changed', list: 'forms', id: 'ticketForm' }]);
    expect(isEmptyDiff(diffApps(published, published))).toBe(true);
  });
});

describe('problemsOf', () => {
  it('links a rule problem to the form item, even next to a document error', () => {
    let draft = base();
    draft = {
      ...draft,
      label: {} as App['label'],
      forms: draft.forms.map((f) => ({
        ...f,
        sections: f.sections.map((s) => ({
          ...s,
          items: s.items.map((i) =>
            i.id === 'notes' ? { ...i, visibleWhen: { '==': [{ var: 'nope' }, 1] } } : i,
          ),
        })),
      })),
    };
    const problems = problemsOf(draft, undefined, 'en');
    const rule = problems.find((p) => p.path.startsWith('/forms/0/sections/0/items/1/visibleWhen'));
    expect(rule).toMatchObject({
      code: 'UNKNOWN_FIELD',
      target: { tab: 'form', form: 'ticketForm', item: 'notes' },
    });
    expect(problems.some((p) => p.path.startsWith('/label'))).toBe(true);
    expect(targetOf(draft, '/entities/0/fields/1/type')).toEqual({
      tab: 'form',
      entity: 'ticket',
      field: 'notes',
      form: 'ticketForm',
    });
  });
});
