/**
 * Loading a pack's demo-data generator. The contract itself (`DemoData` and its parts) lives in
 * @stagecraft/demo-kit, shared with the packs; the generator is loaded at run time from the path its
 * manifest names (never imported statically) and its result is checked structurally here, since it
 * comes from outside the server's build.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DemoData, GenerateDemo } from '@stagecraft/demo-kit';
import type { Bilingual, Result } from '@stagecraft/schema';
import { issue } from '@stagecraft/schema';
import type { LoadedTemplate } from './loader.js';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * Loads a pack's `generateDemo`. Running from TypeScript sources (tests, tsx) it imports the
 * pack's source entry; running from the built server it imports the compiled module.
 */
export async function loadDemoGenerator(template: LoadedTemplate): Promise<Result<GenerateDemo>> {
  const demo = template.manifest.demo;
  if (!demo)
    return {
      ok: false,
      issues: [
        issue('NOT_FOUND', '/demo', {
          en: `template ${template.manifest.id} has no demo data`,
          'zh-CN': `模板 ${template.manifest.id} 没有演示数据`,
        }),
      ],
    };
  const fromSource = import.meta.url.endsWith('.ts');
  const candidates = fromSource ? [demo.entry, demo.compiled] : [demo.compiled, demo.entry];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const path = join(template.dir, candidate);
    if (!(await exists(path))) continue;
    if (path.endsWith('.ts') && !fromSource) continue;
    const mod = (await import(pathToFileURL(path).href)) as { generateDemo?: unknown };
    if (typeof mod.generateDemo !== 'function') {
      return {
        ok: false,
        issues: [
          issue('VALIDATION_FAILED', '/demo/entry', {
            en: `${candidate} exports no generateDemo function`,
            'zh-CN': `${candidate} 没有导出 generateDemo 函数`,
          }),
        ],
      };
    }
    return { ok: true, value: mod.generateDemo as GenerateDemo };
  }
  const built = demo.compiled !== undefined;
  return {
    ok: false,
    issues: [
      issue('NOT_FOUND', '/demo/compiled', {
        en: `no runnable demo module for ${template.manifest.id}${built ? ' (build it: pnpm build)' : ''}`,
        'zh-CN': `模板 ${template.manifest.id} 没有可运行的演示数据模块${built ? '（请先构建：pnpm build）' : ''}`,
      }),
    ],
  };
}

/** Checks the parts of a generator's result the installer relies on. */
export function checkDemoData(data: unknown): Result<DemoData> {
  const d = data as Partial<DemoData> | null;
  const bad = (path: string, message: Bilingual): Result<DemoData> => ({
    ok: false,
    issues: [issue('VALIDATION_FAILED', path, message)],
  });
  if (!d || typeof d !== 'object')
    return bad('', { en: 'generateDemo returned no object', 'zh-CN': 'generateDemo 没有返回对象' });
  if (
    !Array.isArray(d.orgUnits) ||
    !d.orgUnits.every((o) => typeof o?.key === 'string' && typeof o.name === 'string')
  )
    return bad('/orgUnits', {
      en: 'expected org units with key and name',
      'zh-CN': '组织应包含 key 和 name',
    });
  if (
    !Array.isArray(d.users) ||
    !d.users.every((u) => typeof u?.key === 'string' && typeof u.email === 'string' && Array.isArray(u.roles))
  )
    return bad('/users', {
      en: 'expected users with key, email and roles',
      'zh-CN': '用户应包含 key、email 和 roles',
    });
  if (
    !Array.isArray(d.entities) ||
    !d.entities.every((e) => typeof e?.entity === 'string' && typeof e.records === 'function')
  )
    return bad('/entities', {
      en: 'expected entity data with records()',
      'zh-CN': '实体数据应包含 records()',
    });
  if (!Array.isArray(d.files))
    return bad('/files', { en: 'expected a list of files', 'zh-CN': 'files 应为文件列表' });
  return { ok: true, value: { ...d, logins: Array.isArray(d.logins) ? d.logins : [] } as DemoData };
}
