/**
 * `POST /api/users/import` (admin): users from a CSV in the multipart field `file`, read with the
 * record import's encoding detection (UTF-8, GBK/GB18030, UTF-16) and papaparse. Columns: `email`,
 * `name`, `roles` (separated by `;`, `|` or `,` inside the cell), `orgUnit` (name or id), `manager`
 * (email, of an existing user or one created earlier in the file). Each line is checked like
 * `POST /api/users` and created with a one-time password, returned once; a refused line comes back
 * with every reason and nothing of it is created. At most 2,000 lines, 1 MiB.
 */
import multipart from '@fastify/multipart';
import { API } from '@stagecraft/contract';
import { type Issue, issue } from '@stagecraft/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import Papa from 'papaparse';
import { hashPassword } from '../auth/password.js';
import { requireAdmin } from '../auth/request-context.js';
import { generatePassword } from '../bootstrap/first-run.js';
import { checkFileName, multipartFailure } from '../edge/multipart.js';
import { fail } from '../errors/issues-error.js';
import { requestLocale } from '../errors/locale.js';
import { decodeText, detectEncoding, ENCODING_LABELS } from '../records/text-encoding.js';
import { grantableRoles, unknownRoles } from '../use-cases/grantable-roles.js';
import { schemaOf } from './contract-schema.js';

const MAX_BYTES = 1024 * 1024;
const MAX_LINES = 2000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** User import route plugin (encapsulated: multipart only here). */
export const userImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, published } = app.stagecraft;
  await app.register(multipart, { limits: { fileSize: MAX_BYTES, files: 1, fields: 0, parts: 1 } });

  app.post('/api/users/import', { schema: schemaOf(API.users.importUsers) }, async (request) => {
    const actor = requireAdmin(request);
    let bytes: Buffer;
    try {
      const part = await request.file();
      if (part?.fieldname !== 'file')
        fail('VALIDATION_FAILED', '/file', {
          en: 'Send the file in the form field `file`.',
          'zh-CN': '请将文件放在表单字段 `file` 中上传。',
        });
      checkFileName(part);
      bytes = await part.toBuffer();
    } catch (error) {
      throw multipartFailure(error);
    }
    const encoding = detectEncoding(bytes).name;
    const { text } = decodeText(bytes, encoding);
    const parsed = Papa.parse<Record<string, string>>(text, {
      header: true,
      skipEmptyLines: 'greedy',
      transformHeader: (h) => h.trim(),
    });
    if (parsed.data.length > MAX_LINES)
      fail('IMPORT_INVALID', '/file', {
        en: `At most ${MAX_LINES} users per file.`,
        'zh-CN': `每个文件最多 ${MAX_LINES} 个用户。`,
      });
    const known = await grantableRoles(store, published, actor);
    const units = await store.identity.orgUnits(actor.workspaceId);
    const people = await store.identity.users(actor.workspaceId);
    const byEmail = new Map(people.map((u) => [u.email.toLowerCase(), u.id]));
    const zh = requestLocale(request) === 'zh-CN';
    const say = (i: Issue) => ({
      code: i.code,
      path: i.path,
      message: (zh ? i.messages?.['zh-CN'] : i.messages?.en) ?? i.message,
    });
    const created = [];
    const refused = [];
    for (const [index, row] of parsed.data.entries()) {
      const line = index + 2;
      const cell = (name: string) => (row[name] ?? '').trim();
      const email = cell('email').toLowerCase();
      const roles = cell('roles')
        .split(/[;|,，；]/)
        .map((r) => r.trim())
        .filter(Boolean);
      const unitText = cell('orgUnit');
      const managerText = cell('manager').toLowerCase();
      const unit = unitText ? units.find((u) => u.id === unitText || u.name === unitText) : undefined;
      const issues: Issue[] = [];
      if (!EMAIL.test(email))
        issues.push(
          issue('VALIDATION_FAILED', '/email', {
            en: 'Not an email address.',
            'zh-CN': '不是有效的邮箱地址。',
          }),
        );
      else if (byEmail.has(email))
        issues.push(
          issue('DUPLICATE_RECORD', '/email', {
            en: 'A user with this email already exists.',
            'zh-CN': '已存在使用该邮箱的用户。',
          }),
        );
      if (!cell('name')) issues.push(issue('FIELD_REQUIRED', '/name'));
      if (roles.length === 0) roles.push('member');
      issues.push(...unknownRoles(roles, known, '/roles'));
      if (unitText && !unit)
        issues.push(
          issue('REFERENCE_UNKNOWN', '/orgUnit', {
            en: `No org unit "${unitText}".`,
            'zh-CN': `组织“${unitText}”不存在。`,
          }),
        );
      const managerId = managerText ? byEmail.get(managerText) : undefined;
      if (managerText && !managerId)
        issues.push(
          issue('REFERENCE_UNKNOWN', '/manager', {
            en: `No user with the email ${managerText}.`,
            'zh-CN': `没有邮箱为 ${managerText} 的用户。`,
          }),
        );
      if (issues.length) {
        refused.push({ line, email, issues: issues.map(say) });
        continue;
      }
      const oneTimePassword = generatePassword();
      const result = await store.identity.createUser({
        workspaceId: actor.workspaceId,
        email,
        name: cell('name'),
        roles,
        orgUnitId: unit?.id ?? null,
        managerId: managerId ?? null,
        locale: 'zh-CN',
        passwordHash: await hashPassword(oneTimePassword),
        mustChangePassword: true,
      });
      if (!result.ok) {
        refused.push({ line, email, issues: result.issues.map(say) });
        continue;
      }
      byEmail.set(email, result.value.id);
      created.push({ line, id: result.value.id, email, name: result.value.name, oneTimePassword });
    }
    return { encoding: ENCODING_LABELS[encoding], created, refused };
  });
};
