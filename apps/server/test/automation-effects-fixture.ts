/**
 * A test app for the automation side-effect tests only (generic entities, no template): leads with
 * a first-touch reminder on `createdAt` and assignment by industry skill tags, accounts whose
 * silence creates a follow-up task.
 */
const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const text = (id: string) => ({ id, type: 'text', label: L(id, id) });

/** The app document (id `fx`). */
export function effectsApp(): Record<string, unknown> {
  return {
    schemaVersion: 2,
    id: 'fx',
    label: L('副作用', 'Effects'),
    entities: [
      { id: 'lead', label: L('线索', 'Lead'), titleField: 'title', fields: [text('title'), text('sector')] },
      {
        id: 'account',
        label: L('客户', 'Account'),
        titleField: 'name',
        fields: [text('name'), { id: 'lastCall', type: 'datetime', label: L('最后联系', 'Last call') }],
      },
      { id: 'todo', label: L('任务', 'To-do'), titleField: 'title', fields: [text('title'), text('about')] },
    ],
    roles: [{ id: 'seller', label: L('销售', 'Seller'), permissions: [] }],
    automations: [
      {
        id: 'firstTouch',
        label: L('线索 24 小时提醒', 'Lead 24 h reminder'),
        entity: 'lead',
        trigger: { type: 'relative_time', field: 'createdAt', offsetHours: 24 },
        actions: [
          {
            id: 'remind',
            type: 'notify',
            recipients: [{ type: 'owner' }],
            title: L('线索 24 小时未跟进', 'Lead waiting 24 h'),
          },
        ],
      },
      {
        id: 'bySector',
        label: L('按行业分配', 'Assign by sector'),
        entity: 'lead',
        trigger: { type: 'record_created' },
        condition: { '!!': [{ var: 'sector' }] },
        actions: [
          {
            id: 'pick',
            type: 'assign',
            strategy: 'round_robin',
            pool: { role: 'seller' },
            rules: [
              { when: { '==': [{ var: 'sector' }, 'retail'] }, skillTags: ['retail'] },
              { when: { '==': [{ var: 'sector' }, 'energy'] }, skillTags: ['energy'] },
            ],
          },
        ],
      },
      {
        id: 'silence',
        label: L('客户 3 天未联系', 'Silent 3 days'),
        entity: 'account',
        trigger: { type: 'relative_time', field: 'lastCall', offsetHours: 72 },
        actions: [
          {
            id: 'callTask',
            type: 'create_task',
            entity: 'todo',
            assignee: { type: 'owner' },
            dueInHours: 24,
            values: { title: { cat: ['Call ', { var: 'name' }] }, about: { var: 'id' } },
          },
        ],
      },
    ],
  };
}
