import type { AppInput } from '@stagecraft/schema';

const L = (en: string) => ({ en, 'zh-CN': en });

/** A small app with one field of every type, a form with conditions, views and a stage machine. */
export const sampleApp: AppInput = {
  schemaVersion: 1,
  id: 'sample',
  label: L('Sample'),
  entities: [
    {
      id: 'company',
      label: L('Company'),
      titleField: 'name',
      fields: [{ id: 'name', type: 'text', label: L('Name') }],
    },
    {
      id: 'deal',
      label: L('Deal'),
      titleField: 'name',
      fields: [
        { id: 'name', type: 'text', label: L('Name'), required: true, maxLength: 40 },
        { id: 'notes', type: 'long_text', label: L('Notes') },
        { id: 'qty', type: 'number', label: L('Quantity'), min: 0 },
        { id: 'amount', type: 'currency', label: L('Amount') },
        { id: 'discount', type: 'percent', label: L('Discount'), max: 100 },
        { id: 'dueDate', type: 'date', label: L('Due date') },
        { id: 'meetAt', type: 'datetime', label: L('Meeting') },
        { id: 'active', type: 'boolean', label: L('Active') },
        {
          id: 'tier',
          type: 'single_select',
          label: L('Tier'),
          options: [
            { id: 'a', label: L('Tier A') },
            { id: 'b', label: L('Tier B') },
          ],
        },
        {
          id: 'tags',
          type: 'multi_select',
          label: L('Tags'),
          maxSelected: 2,
          options: [
            { id: 'x', label: L('Hot') },
            { id: 'y', label: L('New') },
            { id: 'z', label: L('Big') },
          ],
        },
        { id: 'account', type: 'reference', label: L('Account'), entity: 'company' },
        { id: 'rep', type: 'user', label: L('Rep') },
        { id: 'team', type: 'org_unit', label: L('Team') },
        { id: 'phone', type: 'phone', label: L('Phone') },
        { id: 'email', type: 'email', label: L('Email') },
        { id: 'website', type: 'url', label: L('Website') },
        {
          id: 'docs',
          type: 'attachment',
          label: L('Documents'),
          accept: ['application/pdf'],
          maxSizeBytes: 1000,
          maxFiles: 2,
        },
        { id: 'photos', type: 'image', label: L('Photos'), capture: true },
        { id: 'location', type: 'geo_point', label: L('Location') },
        {
          id: 'lines',
          type: 'subtable',
          label: L('Lines'),
          fields: [
            { id: 'product', type: 'text', label: L('Product') },
            { id: 'units', type: 'number', label: L('Units') },
          ],
        },
        {
          id: 'total',
          type: 'formula',
          label: L('Total'),
          resultType: 'currency',
          expression: { '*': [{ var: 'qty' }, { var: 'amount' }] },
        },
        { id: 'code', type: 'auto_number', label: L('Code'), prefix: 'D-' },
        { id: 'lossReason', type: 'text', label: L('Loss reason') },
      ],
    },
  ],
  forms: [
    {
      id: 'dealForm',
      entity: 'deal',
      label: L('Deal form'),
      sections: [
        {
          id: 'main',
          label: L('Main'),
          columns: 2,
          items: [
            { id: 'iName', field: 'name' },
            { id: 'iAmount', field: 'amount' },
            { id: 'iTier', field: 'tier' },
            { id: 'iDiscount', field: 'discount', visibleWhen: { '==': [{ var: 'tier' }, 'a'] } },
            { id: 'iNotes', field: 'notes', requiredWhen: { '>': [{ var: 'amount' }, 1000] } },
            { id: 'iEmail', field: 'email' },
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
      label: L('Deals'),
      columns: [
        { id: 'c1', field: 'name' },
        { id: 'c2', field: 'amount' },
        { id: 'c3', field: 'tier' },
      ],
      sort: [{ field: 'name', direction: 'asc' }],
    },
    {
      id: 'pipeline',
      type: 'board',
      entity: 'deal',
      label: L('Pipeline'),
      stageMachine: 'pipe',
      cardFields: ['amount'],
      aggregates: [
        { id: 'n', op: 'count' },
        { id: 's', op: 'sum', field: 'amount', label: L('Total') },
      ],
    },
  ],
  stageMachines: [
    {
      id: 'pipe',
      entity: 'deal',
      label: L('Pipeline'),
      initialStage: 'lead',
      stages: [
        {
          id: 'lead',
          label: L('Lead'),
          category: 'open',
          probability: 10,
          forecastCategory: 'pipeline',
          guidance: L('Qualify the need'),
          keyFields: [{ field: 'amount', guidance: L('Estimate it') }],
        },
        { id: 'quote', label: L('Quote'), category: 'open', probability: 50, forecastCategory: 'best_case' },
        { id: 'won', label: L('Won'), category: 'won', probability: 100, forecastCategory: 'closed' },
        { id: 'lost', label: L('Lost'), category: 'lost', probability: 0, forecastCategory: 'omitted' },
      ],
      transitions: [
        {
          id: 'toQuote',
          label: L('Send quote'),
          from: ['lead'],
          to: 'quote',
          evidence: [{ id: 'proposal', label: L('Proposal'), minCount: 1 }],
        },
        { id: 'win', label: L('Win'), from: ['quote'], to: 'won' },
        { id: 'lose', label: L('Lose'), from: ['@open'], to: 'lost', fields: [{ field: 'lossReason' }] },
      ],
    },
  ],
  validationRules: [
    {
      id: 'bigNeedsTier',
      entity: 'deal',
      assert: { or: [{ '<': [{ var: 'amount' }, 100000] }, { '!!': { var: 'tier' } }] },
      message: L('Deals of 100,000 or more need a tier.'),
      field: 'tier',
    },
  ],
};
