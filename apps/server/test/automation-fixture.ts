/**
 * A test app for the automation tests only (generic entities, no template): leads with a first-touch
 * reminder and round-robin assignment, deals with a stage SLA, accounts with a no-contact task,
 * orders whose confirmation needs a parallel tech/legal/service sign-off above 500,000, and pings
 * that call webhooks.
 */
const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The app document; `hooks` are the webhook URLs of the test's local server. */
export function automationApp(hooks: {
  flaky: string;
  broken: string;
  secret: string;
}): Record<string, unknown> {
  const stage = (id: string, category: 'open' | 'won', slaHours?: number) => ({
    id,
    label: L(id, id),
    category,
    probability: category === 'won' ? 100 : 20,
    forecastCategory: category === 'won' ? 'closed' : 'pipeline',
    ...(slaHours ? { sla: { maxHours: slaHours, dueSoonHours: 12 } } : {}),
  });
  const text = (id: string) => ({ id, type: 'text', label: L(id, id) });
  return {
    schemaVersion: 2,
    id: 'auto',
    label: L('自动化', 'Automation'),
    entities: [
      {
        id: 'lead',
        label: L('线索', 'Lead'),
        titleField: 'title',
        fields: [
          text('title'),
          text('source'),
          { id: 'touchedAt', type: 'datetime', label: L('首次跟进', 'Touched') },
        ],
      },
      {
        id: 'deal',
        label: L('商机', 'Deal'),
        titleField: 'title',
        fields: [text('title'), { id: 'slaBreached', type: 'boolean', label: L('超期', 'SLA breached') }],
      },
      {
        id: 'account',
        label: L('客户', 'Account'),
        titleField: 'name',
        fields: [text('name'), { id: 'contactedAt', type: 'datetime', label: L('最后联系', 'Last contact') }],
      },
      { id: 'task', label: L('任务', 'Task'), titleField: 'title', fields: [text('title'), text('about')] },
      {
        id: 'order',
        label: L('订单', 'Order'),
        titleField: 'title',
        fields: [text('title'), { id: 'amount', type: 'currency', label: L('金额', 'Amount') }],
      },
      { id: 'ping', label: L('推送', 'Ping'), titleField: 'target', fields: [text('target')] },
      { id: 'visit', label: L('拜访', 'Visit'), titleField: 'title', fields: [text('title')] },
    ],
    roles: ['salesRep', 'techReviewer', 'legalReviewer', 'serviceReviewer'].map((id) => ({
      id,
      label: L(id, id),
      permissions: [],
    })),
    stageMachines: [
      {
        id: 'dealFlow',
        entity: 'deal',
        label: L('商机', 'Deals'),
        initialStage: 'contact',
        stages: [stage('contact', 'open', 72), stage('won', 'won')],
        transitions: [{ id: 'win', label: L('赢单', 'Win'), from: ['contact'], to: 'won' }],
      },
      {
        id: 'orderFlow',
        entity: 'order',
        label: L('订单', 'Orders'),
        initialStage: 'draft',
        stages: [stage('draft', 'open'), stage('confirmed', 'won')],
        transitions: [{ id: 'confirm', label: L('确认', 'Confirm'), from: ['draft'], to: 'confirmed' }],
      },
    ],
    automations: [
      {
        id: 'leadUntouched',
        label: L('线索 24 小时未跟进', 'Lead untouched 24 h'),
        entity: 'lead',
        trigger: {
          type: 'relative_time',
          field: 'createdAt',
          offsetHours: 24,
          unless: { '!!': [{ var: 'touchedAt' }] },
        },
        condition: { '!=': [{ var: 'source' }, 'web'] },
        actions: [
          {
            id: 'remind',
            type: 'notify',
            recipients: [{ type: 'owner' }, { type: 'owner_manager' }],
            title: L('线索超过 24 小时未跟进', 'Lead not touched within 24 h'),
          },
        ],
      },
      {
        id: 'leadAssign',
        label: L('线索分配', 'Lead assignment'),
        entity: 'lead',
        trigger: { type: 'record_created' },
        condition: { '==': [{ var: 'source' }, 'web'] },
        actions: [{ id: 'roundRobin', type: 'assign', strategy: 'round_robin', pool: { role: 'salesRep' } }],
      },
      {
        id: 'dealSla',
        label: L('商机超期', 'Deal past SLA'),
        entity: 'deal',
        trigger: { type: 'relative_time', field: 'stageEnteredAt', offsetHours: 72 },
        condition: { '==': [{ var: 'stage' }, 'contact'] },
        actions: [
          { id: 'flag', type: 'update_fields', values: { slaBreached: true } },
          {
            id: 'tell',
            type: 'notify',
            recipients: [{ type: 'owner' }],
            title: L('商机超期', 'Deal past its SLA'),
          },
        ],
      },
      {
        id: 'noContact',
        label: L('客户 3 天未联系', 'No contact for 3 days'),
        entity: 'account',
        trigger: { type: 'relative_time', field: 'contactedAt', offsetHours: 72 },
        actions: [
          {
            id: 'callTask',
            type: 'create_task',
            entity: 'task',
            assignee: { type: 'owner' },
            dueInHours: 24,
            values: { title: { cat: ['联系客户：', { var: 'name' }] }, about: { var: 'id' } },
          },
        ],
      },
      {
        id: 'bigOrder',
        label: L('大额订单会签', 'Big order sign-off'),
        entity: 'order',
        trigger: { type: 'record_created' },
        condition: { '>': [{ var: 'amount' }, 500000] },
        actions: [{ id: 'signoff', type: 'start_approval', approval: 'orderSignoff' }],
      },
      {
        id: 'morningPlan',
        label: L('每日拜访提醒', 'Daily visit reminder'),
        entity: 'visit',
        trigger: { type: 'schedule', cron: '0 9 * * *' },
        condition: { '!=': [{ var: 'title' }, 'skip'] },
        actions: [
          {
            id: 'tell',
            type: 'notify',
            recipients: [{ type: 'owner' }],
            title: L('今日拜访', 'Visit today'),
          },
        ],
      },
      {
        id: 'hookFlaky',
        label: L('推送', 'Hook'),
        entity: 'ping',
        trigger: { type: 'record_created' },
        condition: { '==': [{ var: 'target' }, 'flaky'] },
        actions: [
          { id: 'post', type: 'webhook', url: hooks.flaky, secret: hooks.secret, fields: ['target'] },
        ],
      },
      {
        id: 'hookBroken',
        label: L('推送', 'Hook'),
        entity: 'ping',
        trigger: { type: 'record_created' },
        condition: { '==': [{ var: 'target' }, 'broken'] },
        actions: [{ id: 'post', type: 'webhook', url: hooks.broken, secret: hooks.secret }],
      },
    ],
    approvals: [
      {
        id: 'orderSignoff',
        label: L('大额订单会签', 'Big order sign-off'),
        entity: 'order',
        entryCriteria: { '>': [{ var: 'amount' }, 500000] },
        guardsTransitions: ['confirm'],
        steps: [
          {
            id: 'review',
            label: L('会签', 'Review'),
            branches: [
              {
                id: 'tech',
                label: L('技术', 'Tech'),
                approvers: { type: 'role', role: 'techReviewer' },
                mode: 'any',
              },
              {
                id: 'legal',
                label: L('法务', 'Legal'),
                approvers: { type: 'role', role: 'legalReviewer' },
                mode: 'any',
              },
              {
                id: 'service',
                label: L('服务', 'Service'),
                approvers: { type: 'role', role: 'serviceReviewer' },
                mode: 'any',
              },
            ],
          },
        ],
      },
    ],
  };
}
