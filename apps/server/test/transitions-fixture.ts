/**
 * A test app written for the stage-machine tests only (no template): a deal pipeline
 * 初步接触 → 需求确认 → 方案提交 → 报价谈判 → 签约执行 with lost from any open stage and reopen,
 * and a lead lifecycle MQL → SQL → customer on a second entity, both run by the same engine.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const stage = (
  id: string,
  zh: string,
  en: string,
  category: 'open' | 'won' | 'lost',
  probability: number,
  slaHours?: number,
) => ({
  id,
  label: L(zh, en),
  category,
  probability,
  forecastCategory: category === 'open' ? 'pipeline' : category === 'won' ? 'closed' : 'omitted',
  ...(slaHours ? { sla: { maxHours: slaHours, dueSoonHours: 12 } } : {}),
});

/** The app document as a client sends it. */
export function pipelineApp(id = 'crm'): Record<string, unknown> {
  return {
    schemaVersion: 2,
    id,
    label: L('销售', 'Sales'),
    entities: [
      {
        id: 'deal',
        label: L('商机', 'Deal'),
        titleField: 'title',
        fields: [
          { id: 'title', type: 'text', label: L('名称', 'Title'), required: true },
          { id: 'amount', type: 'currency', label: L('金额', 'Amount') },
          { id: 'painPoints', type: 'long_text', label: L('痛点清单', 'Pain points') },
          { id: 'lostReason', type: 'text', label: L('输单原因', 'Lost reason') },
        ],
      },
      {
        id: 'lead',
        label: L('线索', 'Lead'),
        titleField: 'title',
        fields: [
          { id: 'title', type: 'text', label: L('名称', 'Title'), required: true },
          {
            id: 'budgetRange',
            type: 'single_select',
            label: L('预算范围', 'Budget range'),
            options: [
              { id: 'small', label: L('50万以下', 'Under 500k') },
              { id: 'large', label: L('50万以上', 'Over 500k') },
            ],
          },
          { id: 'decisionMaker', type: 'text', label: L('决策人', 'Decision maker') },
        ],
      },
    ],
    roles: [
      {
        id: 'auditor',
        label: L('审计', 'Auditor'),
        permissions: [
          { entity: 'deal', create: false, read: true, update: false, delete: false, scope: 'all' },
        ],
      },
    ],
    stageMachines: [
      {
        id: 'pipeline',
        entity: 'deal',
        label: L('销售管道', 'Pipeline'),
        initialStage: 'contact',
        stages: [
          stage('contact', '初步接触', 'First contact', 'open', 10, 72),
          stage('needs', '需求确认', 'Needs confirmed', 'open', 30, 72),
          stage('proposal', '方案提交', 'Proposal', 'open', 50),
          stage('negotiation', '报价谈判', 'Negotiation', 'open', 70),
          stage('won', '签约执行', 'Won', 'won', 100),
          stage('lost', '输单', 'Lost', 'lost', 0),
        ],
        transitions: [
          { id: 'qualify', label: L('确认需求', 'Confirm needs'), from: ['contact'], to: 'needs' },
          {
            id: 'propose',
            label: L('提交方案', 'Submit proposal'),
            from: ['needs'],
            to: 'proposal',
            fields: [{ field: 'painPoints' }],
            evidence: [
              {
                id: 'minutes',
                label: L('会议纪要', 'Meeting minutes'),
                minCount: 1,
                accept: ['application/pdf', 'image/*'],
              },
            ],
          },
          {
            id: 'negotiate',
            label: L('报价', 'Quote'),
            from: ['proposal'],
            to: 'negotiation',
            entryCriteria: [
              {
                id: 'hasAmount',
                rule: { '>': [{ var: 'amount' }, 0] },
                message: L('报价前需填写金额', 'Fill in the amount before quoting'),
                field: 'amount',
              },
            ],
          },
          { id: 'win', label: L('签约', 'Win'), from: ['negotiation'], to: 'won', roles: ['manager'] },
          {
            id: 'lose',
            label: L('输单', 'Lose'),
            from: ['@open'],
            to: 'lost',
            fields: [{ field: 'lostReason' }],
          },
          {
            id: 'reopen',
            label: L('重新打开', 'Reopen'),
            from: ['@lost'],
            to: 'contact',
            roles: ['manager'],
          },
        ],
      },
      {
        id: 'lifecycle',
        entity: 'lead',
        label: L('线索生命周期', 'Lead lifecycle'),
        initialStage: 'mql',
        stages: [
          stage('mql', 'MQL', 'MQL', 'open', 5),
          stage('sql', 'SQL', 'SQL', 'open', 20),
          stage('customer', '客户', 'Customer', 'won', 100),
        ],
        transitions: [
          {
            id: 'toSql',
            label: L('转为 SQL', 'Qualify to SQL'),
            from: ['mql'],
            to: 'sql',
            fields: [{ field: 'budgetRange' }, { field: 'decisionMaker' }],
          },
          { id: 'convert', label: L('转为客户', 'Convert'), from: ['sql'], to: 'customer' },
        ],
      },
    ],
  };
}

/** A small but real PDF and PNG (their magic bytes are what the upload check looks at). */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
export const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1,
  8, 6, 0, 0, 0,
]);

/** A multipart/form-data body: text fields, then the file, then `after` fields (if any). */
export function multipart(
  file: { name: string; type: string; data: Buffer },
  fields: Record<string, string> = {},
  after: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----stagecraft-test-boundary';
  const field = (name: string, value: string) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const chunks: Buffer[] = Object.entries(fields).map(([name, value]) => field(name, value));
  chunks.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
  );
  chunks.push(file.data, Buffer.from('\r\n'));
  for (const [name, value] of Object.entries(after)) chunks.push(field(name, value));
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Uploads a file as a signed-in user. */
export function upload(
  app: FastifyInstance,
  cookie: string,
  file: { name: string; type: string; data: Buffer },
  fields: Record<string, string> = {},
) {
  const { payload, headers } = multipart(file, fields);
  return app.inject({
    method: 'POST',
    url: '/api/attachments',
    payload,
    headers: { ...headers, cookie },
  } as InjectOptions);
}
