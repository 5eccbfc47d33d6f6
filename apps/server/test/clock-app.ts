/**
 * A generic test app (no template) whose rules and form conditions read `now`, `today` and the
 * user: the rule-context tests evaluate them in the browser's form path and the server's record
 * validation path and compare. No `settings.timeZone`: the workspace's zone applies.
 */

const label = (en: string) => ({ 'zh-CN': en, en });

/** The app document as a client would send it. */
export function clockApp(id = 'clockapp'): Record<string, unknown> {
  const text = (field: string) => ({ id: field, type: 'text', label: label(field) });
  return {
    schemaVersion: 2,
    id,
    label: label('Clock app'),
    entities: [
      {
        id: 'visit',
        label: label('Visit'),
        titleField: 'title',
        fields: [
          text('title'),
          { id: 'dueOn', type: 'date', label: label('Due on') },
          { id: 'remindAt', type: 'datetime', label: label('Remind at') },
          text('assignee'),
          text('unit'),
          { id: 'note', type: 'long_text', label: label('Note') },
        ],
      },
    ],
    forms: [
      {
        id: 'visitForm',
        entity: 'visit',
        label: label('Visit form'),
        sections: [
          {
            id: 'main',
            items: [
              { id: 'fTitle', field: 'title' },
              { id: 'fDueOn', field: 'dueOn' },
              { id: 'fRemindAt', field: 'remindAt' },
              { id: 'fAssignee', field: 'assignee' },
              { id: 'fUnit', field: 'unit' },
              // a visit due today needs a note
              { id: 'fNote', field: 'note', requiredWhen: { '==': [{ var: 'dueOn' }, { today: [] }] } },
            ],
          },
        ],
      },
    ],
    validationRules: [
      rule('notPast', { '>=': [{ var: 'dueOn' }, { today: [] }] }, 'dueOn'),
      rule('withinWeek', { '<=': [{ days_between: [{ today: [] }, { var: 'dueOn' }] }, 7] }, 'dueOn'),
      rule('thisWeekOn', { '<=': [{ start_of: [{ today: [] }, 'week'] }, { var: 'dueOn' }] }, 'dueOn'),
      rule('remindLater', { '>': [{ hours_between: [{ now: [] }, { var: 'remindAt' }] }, 0] }, 'remindAt'),
      rule('remindSoon', { '<=': [{ var: 'remindAt' }, { date_add: [{ now: [] }, 1, 'day'] }] }, 'remindAt'),
      rule(
        'mineOrManager',
        { or: [{ '==': [{ var: 'assignee' }, { current_user: [] }] }, { has_role: ['manager'] }] },
        'assignee',
      ),
      rule('myUnit', { '==': [{ var: 'unit' }, { current_user: 'orgUnit' }] }, 'unit'),
    ],
  };
}

function rule(id: string, assert: unknown, field: string) {
  return {
    id,
    entity: 'visit',
    on: ['create', 'update'],
    appliesWhen: { '!!': [{ var: field }] },
    assert,
    message: label(`rule ${id} failed`),
    field,
  };
}
