/**
 * Keeps every specific error message bilingual: scans the sources of packages/*\/src and
 * apps/server/src (not tests) for `issue(…)` and `fail(…)` calls, and issue-shaped object literals,
 * whose message is a bare string or template literal. Such a message reaches users in English
 * only; write it as `{ en, 'zh-CN' }` (or drop it so the registry text of the code applies).
 */
import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Messages known to be English-only, by file (none today). */
const KNOWN_ENGLISH_ONLY: Record<string, readonly string[]> = {};

/** Source folders whose messages users or admins may read. */
function sourceRoots(): string[] {
  const packages = readdirSync(join(ROOT, 'packages'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(ROOT, 'packages', d.name, 'src'));
  return [...packages, join(ROOT, 'apps/server/src')];
}

function sourceFiles(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name);
    // testing/ holds fakes for other packages' tests (an in-memory API), not messages anyone reads
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'testing' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/**
 * A text written in one language right here: a non-empty string or template literal, or one side
 * of a choice (unless the choice is by locale) or of a concatenation.
 */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text || undefined;
  if (ts.isTemplateExpression(node)) return node.getText();
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  if (ts.isConditionalExpression(node))
    return /locale/i.test(node.condition.getText())
      ? undefined
      : (literalText(node.whenTrue) ?? literalText(node.whenFalse));
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return literalText(node.left) ?? literalText(node.right);
  return undefined;
}

function propertyName(p: ts.ObjectLiteralElementLike): string | undefined {
  return p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
}

/** `file:line message` for every one-language message in one source file. */
function englishOnlyMessages(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const known = KNOWN_ENGLISH_ONLY[file] ?? [];
  const found: string[] = [];
  const report = (node: ts.Node, message: string) => {
    if (known.includes(message)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push(`${file}:${line} ${message}`);
  };
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      (node.expression.text === 'issue' || node.expression.text === 'fail')
    ) {
      const message = node.arguments[2];
      const literal = message && literalText(message);
      if (literal !== undefined) report(node, literal);
    }
    if (ts.isObjectLiteralExpression(node)) {
      const names = node.properties.map(propertyName);
      const message = node.properties.find((p) => propertyName(p) === 'message');
      if (names.includes('code') && message && ts.isPropertyAssignment(message)) {
        const literal = literalText(message.initializer);
        if (literal !== undefined) report(node, literal);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('error messages', () => {
  it('are never written in one language only', () => {
    const found = sourceRoots()
      .flatMap(sourceFiles)
      .flatMap((path) => {
        const file = relative(ROOT, path).split('\\').join('/');
        return englishOnlyMessages(file, readFileSync(path, 'utf8'));
      });
    expect(
      found,
      `write these as { en, 'zh-CN' } or drop them for the registry text:\n${found.join('\n')}`,
    ).toEqual([]);
  });

  it('the scan finds the shapes it looks for', () => {
    const sample = [
      "issue('FORBIDDEN', '', 'Only admins.');",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text for the scanner
      'fail(`VALIDATION_FAILED`, `/x`, `At most ${n}.`);',
      "fail('NOT_FOUND', '/x',\n  cond ? 'a' : 'b');",
      "const i = { code: 'VALIDATION_FAILED', path, message: 'Plain.' };",
      "issue('FORBIDDEN', '', { en: 'Only admins.', 'zh-CN': '只有管理员。' });",
      "issue('NOT_FOUND', '/x');",
      'issue(code, path, text[locale]);',
      "fail('NOT_FOUND', '/x', locale === 'zh-CN' ? '未找到。' : 'Not found.');",
      "const e = { code, message: first ? first.message : '' };",
      "queue.fail(job, 'reason');",
    ].join('\n');
    expect(englishOnlyMessages('sample.ts', sample).map((f) => f.split(' ')[0])).toEqual([
      'sample.ts:1',
      'sample.ts:2',
      'sample.ts:3',
      'sample.ts:5',
    ]);
  });
});
