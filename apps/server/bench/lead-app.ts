/**
 * The app `pnpm bench http` and the statement-budget test run against: one lead-like entity (a
 * generic one written here, no template's) with a short stage machine whose two transitions need
 * nothing, so a record can move back and forth as often as a load test asks.
 */
import type { FastifyInstance } from 'fastify';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** App id and entity id of the bench app. */
export const BENCH_APP = 'benchhttp';
export const BENCH_ENTITY = 'prospect';
/** The collection URL of the bench entity's records. */
export const RECORDS_URL = `/api/apps/${BENCH_APP}/entities/${BENCH_ENTITY}/records`;
/** The two stages a bench record moves between. */
export const STAGES = ['fresh', 'worked'] as const;

/** The app document as a client sends it. */
export const benchApp = {
  schemaVersion: 2,
  id: BENCH_APP,
  label: L('压测', 'Bench'),
  entities: [
    {
      id: BENCH_ENTITY,
      label: L('潜在客户', 'Prospect'),
      titleField: 'title',
      fields: [
        { id: 'title', type: 'text', label: L('名称', 'Title'), required: true },
        { id: 'company', type: 'text', label: L('公司', 'Company') },
        { id: 'phone', type: 'phone', label: L('电话', 'Phone') },
        { id: 'email', type: 'email', label: L('邮箱', 'Email') },
        {
          id: 'channel',
          type: 'single_select',
          label: L('渠道', 'Channel'),
          options: [
            { id: 'web', label: L('官网', 'Web') },
            { id: 'fair', label: L('展会', 'Trade fair') },
          ],
        },
        { id: 'score', type: 'number', label: L('评分', 'Score'), min: 0, max: 100 },
        { id: 'budget', type: 'currency', label: L('预算', 'Budget'), min: 0 },
        { id: 'notes', type: 'long_text', label: L('备注', 'Notes') },
      ],
    },
  ],
  validationRules: [
    {
      id: 'fairNeedsCompany',
      entity: BENCH_ENTITY,
      appliesWhen: { '==': [{ var: 'channel' }, 'fair'] },
      assert: { '!!': [{ var: 'company' }] },
      message: L('展会渠道须填写公司', 'A trade-fair prospect needs a company'),
      field: 'company',
    },
  ],
  stageMachines: [
    {
      id: 'progress',
      entity: BENCH_ENTITY,
      label: L('跟进', 'Progress'),
      initialStage: 'fresh',
      stages: [
        {
          id: 'fresh',
          label: L('新建', 'Fresh'),
          category: 'open',
          probability: 10,
          forecastCategory: 'pipeline',
        },
        {
          id: 'worked',
          label: L('跟进中', 'Worked'),
          category: 'open',
          probability: 30,
          forecastCategory: 'pipeline',
        },
      ],
      transitions: [
        { id: 'work', label: L('开始跟进', 'Work'), from: ['fresh'], to: 'worked' },
        { id: 'reset', label: L('退回', 'Reset'), from: ['worked'], to: 'fresh' },
      ],
    },
  ],
};

/** A record body to create, different for each `n`. */
export function newProspect(n: number): Record<string, unknown> {
  return {
    title: `Prospect ${n}`,
    company: `Company ${n % 997}`,
    phone: `+86 138 0000 ${String(n % 10_000).padStart(4, '0')}`,
    email: `p${n}@example.com`,
    channel: n % 2 ? 'web' : 'fair',
    score: n % 100,
    budget: (n % 1000) * 100.5,
    notes: `note ${n}`,
  };
}

/** Creates and publishes the bench app as the admin whose session cookie is given. */
export async function installBenchApp(app: FastifyInstance, cookie: string): Promise<void> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/apps',
    payload: benchApp,
    headers: { cookie },
  });
  if (created.statusCode !== 201) throw new Error(`create app: ${created.statusCode} ${created.body}`);
  const published = await app.inject({
    method: 'POST',
    url: `/api/apps/${BENCH_APP}/publish`,
    payload: {},
    headers: { cookie },
  });
  if (published.statusCode !== 201) throw new Error(`publish: ${published.statusCode} ${published.body}`);
}
