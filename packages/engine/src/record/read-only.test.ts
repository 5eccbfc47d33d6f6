import { type App, validateApp } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import type { RecordContext, RecordWrite } from './types.js';
import { compileRecordValidator } from './validate-record.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const parsed = validateApp({
  schemaVersion: 2,
  id: 'ro',
  label: label('Read-only'),
  entities: [
    {
      id: 'visit',
      label: label('Visit'),
      fields: [
        { id: 'title', label: label('Title'), type: 'text' },
        { id: 'checkedInAt', label: label('Checked in'), type: 'datetime', readOnly: true },
        { id: 'grade', label: label('Grade'), type: 'number', readOnly: true, defaultValue: 1 },
      ],
    },
  ],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const app: App = parsed.value;
const context: RecordContext = {
  user: { id: 'u1', roles: ['member'] },
  now: '2026-03-02T01:00:00Z',
  locale: 'en',
};
const validator = compileRecordValidator(app);
const write = (w: Omit<RecordWrite, 'entityId' | 'context'>, locale: 'en' | 'zh-CN' = 'en') =>
  validator.validate({ entityId: 'visit', context: { ...context, locale }, ...w });
const codes = (r: ReturnType<typeof write>) => (r.ok ? [] : r.issues.map((i) => `${i.code} ${i.path}`));
const stored = { id: 'v1', version: 1, title: 'A', checkedInAt: '2026-03-01T02:00:00.000Z', grade: '1.5' };

describe('read-only fields', () => {
  it('refuses a user write that sets one, on create and on update, in the caller language', () => {
    expect(
      codes(write({ operation: 'create', values: { title: 'A', checkedInAt: '2026-03-01T10:00:00+08:00' } })),
    ).toEqual(['FORBIDDEN /checkedInAt']);
    expect(codes(write({ operation: 'create', values: { grade: 1.5 } }))).toEqual(['FORBIDDEN /grade']);
    expect(
      codes(
        write({ operation: 'update', values: { checkedInAt: '2026-03-02T00:00:00Z' }, previous: stored }),
      ),
    ).toEqual(['FORBIDDEN /checkedInAt']);
    const zh = write({ operation: 'update', values: { grade: 0.3 }, previous: stored }, 'zh-CN');
    expect(zh.ok ? '' : zh.issues[0]?.message).toBe('「grade」为只读字段，由系统填写。');
  });

  it('lets a user write repeat the stored value, leave it empty or send the default', () => {
    expect(write({ operation: 'create', values: { title: 'A', checkedInAt: null, grade: 1 } }).ok).toBe(true);
    // the same instant written another way, and a number the database returned as text
    const same = write({
      operation: 'update',
      values: { title: 'B', checkedInAt: '2026-03-01T10:00:00+08:00', grade: 1.5 },
      previous: stored,
    });
    expect(same).toMatchObject({ ok: true, value: { title: 'B' } });
  });

  it('lets the server itself fill them', () => {
    const r = write({
      operation: 'update',
      values: { checkedInAt: '2026-03-02T01:00:00Z', grade: 0.3 },
      previous: stored,
      trusted: true,
    });
    expect(r).toMatchObject({ ok: true, value: { checkedInAt: '2026-03-02T01:00:00.000Z', grade: 0.3 } });
  });
});
