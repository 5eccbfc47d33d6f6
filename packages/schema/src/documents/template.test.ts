import { describe, expect, it } from 'vitest';
import { compareSemVer, TemplateManifest } from './template.js';

const manifest = {
  schemaVersion: 1,
  id: 'pack',
  version: '1.2.0',
  label: { 'zh-CN': '模板', en: 'Pack' },
  description: { en: 'A pack' },
  preview: 'preview.svg',
};

describe('TemplateManifest', () => {
  it('fills the folder defaults', () => {
    const parsed = TemplateManifest.parse(manifest);
    expect(parsed.appDir).toBe('app');
    expect(parsed.historyDir).toBe('history');
  });
  it('refuses a non-semantic version and paths leaving the folder', () => {
    expect(TemplateManifest.safeParse({ ...manifest, version: '1.2' }).success).toBe(false);
    expect(TemplateManifest.safeParse({ ...manifest, preview: '../secret.png' }).success).toBe(false);
    expect(TemplateManifest.safeParse({ ...manifest, preview: '/etc/passwd' }).success).toBe(false);
    expect(TemplateManifest.safeParse({ ...manifest, demo: { entry: 'demo/src/../../x.ts' } }).success).toBe(
      false,
    );
  });
});

describe('compareSemVer', () => {
  it('orders numerically, pre-releases first', () => {
    expect(compareSemVer('1.0.0', '1.1.0')).toBeLessThan(0);
    expect(compareSemVer('1.10.0', '1.9.3')).toBeGreaterThan(0);
    expect(compareSemVer('2.0.0', '2.0.0')).toBe(0);
    expect(compareSemVer('2.0.0-rc.1', '2.0.0')).toBeLessThan(0);
    expect(() => compareSemVer('x', '1.0.0')).toThrow();
  });
});
