/**
 * A generic test app (no template): one entity with sixteen field types, a form, a list view, a
 * validation rule with zh-CN/en messages and a formula field. Used by the HTTP API tests.
 */

/** The app document as a client would send it. */
export function sampleApp(id = 'testapp'): Record<string, unknown> {
  return {
    schemaVersion: 2,
    id,
    label: { 'zh-CN': '测试应用', en: 'Test app' },
    entities: [
      {
        id: 'widget',
        label: { 'zh-CN': '部件', en: 'Widget' },
        titleField: 'title',
        fields: [
          {
            id: 'title',
            type: 'text',
            label: { 'zh-CN': '名称', en: 'Title' },
            required: true,
            maxLength: 200,
          },
          { id: 'notes', type: 'long_text', label: { 'zh-CN': '备注', en: 'Notes' } },
          { id: 'qty', type: 'number', label: { 'zh-CN': '数量', en: 'Quantity' }, min: 0 },
          { id: 'price', type: 'currency', label: { 'zh-CN': '单价', en: 'Price' } },
          { id: 'ratio', type: 'percent', label: { 'zh-CN': '比例', en: 'Ratio' } },
          { id: 'dueOn', type: 'date', label: { 'zh-CN': '到期日', en: 'Due on' } },
          { id: 'seenAt', type: 'datetime', label: { 'zh-CN': '查看时间', en: 'Seen at' } },
          { id: 'active', type: 'boolean', label: { 'zh-CN': '启用', en: 'Active' } },
          {
            id: 'level',
            type: 'single_select',
            label: { 'zh-CN': '级别', en: 'Level' },
            options: [
              { id: 'low', label: { 'zh-CN': '低', en: 'Low' } },
              { id: 'high', label: { 'zh-CN': '高', en: 'High' } },
            ],
          },
          {
            id: 'tags',
            type: 'multi_select',
            label: { 'zh-CN': '标签', en: 'Tags' },
            options: [
              { id: 'red', label: { 'zh-CN': '红', en: 'Red' } },
              { id: 'blue', label: { 'zh-CN': '蓝', en: 'Blue' } },
            ],
          },
          { id: 'phoneNo', type: 'phone', label: { 'zh-CN': '电话', en: 'Phone' } },
          { id: 'mail', type: 'email', label: { 'zh-CN': '邮箱', en: 'Email' } },
          { id: 'site', type: 'url', label: { 'zh-CN': '网址', en: 'Website' } },
          { id: 'spot', type: 'geo_point', label: { 'zh-CN': '位置', en: 'Location' } },
          {
            id: 'code',
            type: 'auto_number',
            label: { 'zh-CN': '编号', en: 'Code' },
            prefix: 'W-',
            digits: 4,
          },
          {
            id: 'total',
            type: 'formula',
            label: { 'zh-CN': '合计', en: 'Total' },
            resultType: 'number',
            expression: { '*': [{ var: 'qty' }, { var: 'price' }] },
          },
        ],
      },
    ],
    forms: [
      {
        id: 'widgetForm',
        entity: 'widget',
        label: { 'zh-CN': '部件表单', en: 'Widget form' },
        sections: [
          {
            id: 'main',
            items: [
              { id: 'fTitle', field: 'title' },
              { id: 'fQty', field: 'qty' },
              { id: 'fLevel', field: 'level' },
            ],
          },
        ],
      },
    ],
    views: [
      {
        id: 'allWidgets',
        type: 'list',
        entity: 'widget',
        label: { 'zh-CN': '全部部件', en: 'All widgets' },
        columns: [
          { id: 'cTitle', field: 'title' },
          { id: 'cQty', field: 'qty' },
        ],
        sort: [{ field: 'qty', direction: 'desc' }],
      },
    ],
    validationRules: [
      {
        id: 'highNeedsNotes',
        entity: 'widget',
        appliesWhen: { '==': [{ var: 'level' }, 'high'] },
        assert: { '!!': [{ var: 'notes' }] },
        message: { 'zh-CN': '高级别必须填写备注', en: 'A high level needs notes' },
        field: 'notes',
      },
    ],
  };
}
