import { describe, expect, it } from 'vitest';
import { jsonEqual, mergeThreeWay } from './merge.js';

const label = (en: string, zh = en) => ({ 'zh-CN': zh, en });
const v1 = {
  id: 'app',
  label: label('Sales'),
  entities: [
    {
      id: 'deal',
      label: label('Deal'),
      fields: [
        { id: 'title', type: 'text', label: label('Title') },
        { id: 'amount', type: 'currency', label: label('Amount') },
        { id: 'legacy', type: 'text', label: label('Legacy') },
      ],
    },
  ],
};

describe('mergeThreeWay', () => {
  it('applies the template change and keeps what the user added, by id', () => {
    const v2 = structuredClone(v1);
    v2.entities[0]!.fields[1]!.label = label('Deal amount');
    v2.entities[0]!.fields.splice(1, 0, { id: 'source', type: 'text', label: label('Source') });
    const mine = structuredClone(v1);
    mine.entities[0]!.fields.push({ id: 'myField', type: 'text', label: label('Mine') });
    mine.entities[0]!.fields.reverse();
    const { value, conflicts } = mergeThreeWay(v1, v2, mine);
    expect(conflicts).toEqual([]);
    const fields = value.entities[0]!.fields;
    expect(fields.map((f) => f.id)).toEqual(['myField', 'legacy', 'amount', 'title', 'source']);
    expect(fields.find((f) => f.id === 'amount')!.label).toEqual(label('Deal amount'));
  });

  it('reports conflicts and keeps the user value, never overwriting', () => {
    const v2 = structuredClone(v1);
    v2.entities[0]!.fields[0]!.label = label('Name', '名称');
    v2.entities[0]!.fields[2]!.label = label('Old');
    const mine = structuredClone(v1);
    mine.entities[0]!.fields[0]!.label = label('Subject', '主题');
    mine.entities[0]!.fields.splice(2, 1);
    const { value, conflicts } = mergeThreeWay(v1, v2, mine);
    expect(value.entities[0]!.fields[0]!.label).toEqual(label('Subject', '主题'));
    expect(value.entities[0]!.fields.map((f) => f.id)).toEqual(['title', 'amount']);
    expect(conflicts.map((c) => [c.path, c.reason])).toEqual([
      ['/entities/[deal]/fields/[title]/label/zh-CN', 'both_changed'],
      ['/entities/[deal]/fields/[title]/label/en', 'both_changed'],
      ['/entities/[deal]/fields/[legacy]', 'user_deleted_template_changed'],
    ]);
  });

  it('drops what the template removed unless the user changed it', () => {
    const v2 = structuredClone(v1);
    v2.entities[0]!.fields = v2.entities[0]!.fields.filter((f) => f.id !== 'legacy' && f.id !== 'amount');
    const mine = structuredClone(v1);
    mine.entities[0]!.fields[1]!.label = label('Value');
    const { value, conflicts } = mergeThreeWay(v1, v2, mine);
    expect(value.entities[0]!.fields.map((f) => f.id)).toEqual(['title', 'amount']);
    expect(conflicts).toEqual([
      expect.objectContaining({
        path: '/entities/[deal]/fields/[amount]',
        reason: 'user_changed_template_deleted',
      }),
    ]);
  });

  it('is the identity when nothing changed, and takes the template when the user changed nothing', () => {
    expect(mergeThreeWay(v1, v1, structuredClone(v1))).toEqual({ value: v1, conflicts: [] });
    const v2 = { ...structuredClone(v1), description: label('New') };
    expect(mergeThreeWay(v1, v2, structuredClone(v1)).value).toEqual(v2);
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
  });
});
