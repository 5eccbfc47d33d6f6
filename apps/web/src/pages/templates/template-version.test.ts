import { describe, expect, it } from 'vitest';
import { compareVersions, templateState } from './template-version.js';

describe('template versions', () => {
  it('compares numerically, part by part', () => {
    expect(compareVersions('1.10.0', '1.9.2')).toBe(1);
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
    expect(compareVersions('2.0.0-beta', '2.0.0')).toBe(0);
    expect(compareVersions('0.9.9', '1.0.0')).toBe(-1);
  });

  it('says whether to install, upgrade or nothing', () => {
    expect(templateState('1.0.0', null)).toBe('notInstalled');
    expect(templateState('1.0.0', '1.0.0')).toBe('current');
    expect(templateState('1.1.0', '1.0.0')).toBe('upgradable');
    expect(templateState('1.0.0', '1.2.0')).toBe('newerInstalled');
  });
});
