/**
 * Request validation with the routes' zod schemas, keeping every message in both languages: a
 * failing payload is parsed a second time with zod's zh-CN messages (only on the failure path), and
 * the error handler picks the caller's language. The definition models' own messages (written in
 * English for zod) come in both languages from MODEL_MESSAGES. Paths are JSON pointers (`/items/0/qty`).
 */
import { type Bilingual, issue, MODEL_MESSAGES } from '@stagecraft/schema';
import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { IssuesError } from './issues-error.js';

const zhCN = z.locales.zhCN();

/** One schema failure as fastify carries it in `error.validation`. */
export interface LocalizedValidationIssue {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  message: string;
  params: { messages: Bilingual };
}

/** A JSON pointer for a zod path. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** The message of each issue of a failed parse of `data`, in both languages. */
function bilingualMessages(
  schema: z.ZodType,
  data: unknown,
  issues: readonly z.core.$ZodIssue[],
): Bilingual[] {
  const zh = schema.safeParse(data, { error: zhCN.localeError });
  const zhIssues = zh.success ? [] : zh.error.issues;
  return issues.map(
    (issue, i) =>
      MODEL_MESSAGES.get(issue.message) ?? {
        en: issue.message,
        'zh-CN': zhIssues[i]?.message ?? issue.message,
      },
  );
}

/** The validator compiler fastify uses for every route schema. */
export const localizedValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    const messages = bilingualMessages(schema, data, result.error.issues);
    const issues: LocalizedValidationIssue[] = result.error.issues.map((issue, i) => ({
      instancePath: jsonPointer(issue.path),
      schemaPath: '',
      keyword: issue.code,
      message: issue.message,
      params: { messages: messages[i] ?? { en: issue.message, 'zh-CN': issue.message } },
    }));
    return { error: issues as unknown as Error };
  };

/**
 * Parses a value a route checks by hand (a document in the body), or throws VALIDATION_FAILED
 * issues at JSON pointers under `prefix`, each in both languages.
 */
export function parseOrFail<T>(schema: z.ZodType<T>, value: unknown, prefix: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const messages = bilingualMessages(schema, value, parsed.error.issues);
  throw new IssuesError(
    parsed.error.issues.map((i, k) =>
      issue('VALIDATION_FAILED', `${prefix}${jsonPointer(i.path)}`, messages[k] ?? i.message),
    ),
  );
}
