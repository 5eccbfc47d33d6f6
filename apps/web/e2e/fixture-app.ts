/**
 * The app the end-to-end run creates through the API: one entity with required fields, a validation
 * rule, a list view, a board, and a stage machine whose transitions need an entry condition, a
 * field, or evidence. Generic on purpose: the runtime knows nothing about it.
 */
const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });

export const E2E_APP_ID = 'pipeline';

export const e2eApp = {
  schemaVersion: 1,
  id: E2E_APP_ID,
  label: L('销售管道', 'Sales pipeline'),
  settings: { currency: 'CNY', defaultLocale: 'zh-CN' },
  entities: [
    {
      id: 'deal',
      label: L('商机', 'Deal'),
      titleField: 'name',
      fields: [
        { id: 'name', type: 'text', label: L('名称', 'Name'), required: true },
        { id: 'amount', type: 'currency', label: L('金额', 'Amount'), required: true },
        {
          id: 'tier',
          type: 'single_select',
          label: L('等级', 'Tier'),
          options: [
            { id: 'a', label: L('A 级', 'Tier A') },
            { id: 'b', label: L('B 级', 'Tier B') },
            { id: 'c', label: L('C 级', 'Tier C') },
          ],
        },
        { id: 'phone', type: 'phone', label: L('客户电话', 'Customer phone') },
        { id: 'closeDate', type: 'date', label: L('预计成交', 'Expected close') },
        { id: 'notes', type: 'long_text', label: L('备注', 'Notes') },
        { id: 'lossReason', type: 'text', label: L('输单原因', 'Loss reason') },
      ],
    },
  ],
  forms: [
    {
      id: 'dealForm',
      entity: 'deal',
      label: L('商机', 'Deal'),
      sections: [
        {
          id: 'basics',
          label: L('基本信息', 'Basics'),
          columns: 2,
          items: [
            { id: 'fName', field: 'name', span: 2 },
            { id: 'fAmount', field: 'amount' },
            { id: 'fTier', field: 'tier' },
            { id: 'fPhone', field: 'phone' },
            { id: 'fClose', field: 'closeDate' },
            { id: 'fNotes', field: 'notes', span: 2, requiredWhen: { '>=': [{ var: 'amount' }, 1000000] } },
          ],
        },
      ],
    },
  ],
  views: [
    {
      id: 'deals',
      type: 'list',
      entity: 'deal',
      label: L('全部商机', 'All deals'),
      columns: [
        { id: 'cName', field: 'name' },
        { id: 'cAmount', field: 'amount' },
        { id: 'cTier', field: 'tier' },
        { id: 'cClose', field: 'closeDate' },
        { id: 'cStage', field: 'stage' },
      ],
      sort: [{ field: 'name', direction: 'asc' }],
    },
    {
      id: 'board',
      type: 'board',
      entity: 'deal',
      label: L('商机看板', 'Deal board'),
      stageMachine: 'dealStages',
      cardFields: ['amount', 'tier'],
      aggregates: [
        { id: 'n', op: 'count' },
        { id: 'sum', op: 'sum', field: 'amount', label: L('合计', 'Total') },
      ],
    },
  ],
  stageMachines: [
    {
      id: 'dealStages',
      entity: 'deal',
      label: L('商机阶段', 'Deal stages'),
      initialStage: 'lead',
      stages: [
        {
          id: 'lead',
          label: L('初步接触', 'First contact'),
          category: 'open',
          probability: 10,
          forecastCategory: 'pipeline',
          guidance: L('确认客户的联系方式和基本需求。', 'Confirm the contact details and the basic need.'),
          keyFields: [{ field: 'phone', guidance: L('决策人的手机', "The decision maker's mobile") }],
          sla: { maxHours: 24, dueSoonHours: 4 },
        },
        {
          id: 'qualified',
          label: L('需求确认', 'Qualified'),
          category: 'open',
          probability: 30,
          forecastCategory: 'pipeline',
        },
        {
          id: 'proposal',
          label: L('方案提交', 'Proposal'),
          category: 'open',
          probability: 60,
          forecastCategory: 'best_case',
        },
        { id: 'won', label: L('签约', 'Won'), category: 'won', probability: 100, forecastCategory: 'closed' },
        {
          id: 'lost',
          label: L('输单', 'Lost'),
          category: 'lost',
          probability: 0,
          forecastCategory: 'omitted',
        },
      ],
      transitions: [
        {
          id: 'qualify',
          label: L('确认需求', 'Qualify'),
          from: ['lead'],
          to: 'qualified',
          entryCriteria: [
            {
              id: 'hasPhone',
              rule: { '!=': [{ var: 'phone' }, null] },
              message: L('请先填写客户电话', 'Add the customer phone first'),
              field: 'phone',
            },
          ],
        },
        {
          id: 'propose',
          label: L('提交方案', 'Send proposal'),
          from: ['qualified'],
          to: 'proposal',
          evidence: [{ id: 'proposalDoc', label: L('方案文件', 'Proposal document'), minCount: 1 }],
        },
        { id: 'win', label: L('签约', 'Win'), from: ['proposal'], to: 'won' },
        {
          id: 'lose',
          label: L('输单', 'Lose'),
          from: ['@open'],
          to: 'lost',
          fields: [{ field: 'lossReason' }],
        },
      ],
    },
  ],
  validationRules: [
    {
      id: 'positiveAmount',
      entity: 'deal',
      assert: { '>': [{ var: 'amount' }, 0] },
      message: L('金额必须大于 0', 'The amount must be greater than 0'),
      field: 'amount',
    },
  ],
};
