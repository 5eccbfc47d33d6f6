/** How an installed pack relates to the pack on disk, which decides the card's action. */
export type TemplateState = 'notInstalled' | 'current' | 'upgradable' | 'newerInstalled';

/** Compares dotted versions numerically (`1.10.0` > `1.9.2`); a pre-release tag is ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .split('-')[0]!
      .split('.')
      .map((n) => Number.parseInt(n, 10) || 0);
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** The state of a pack given the installed version (null when not installed). */
export function templateState(available: string, installed: string | null): TemplateState {
  if (installed === null) return 'notInstalled';
  const c = compareVersions(available, installed);
  return c === 0 ? 'current' : c > 0 ? 'upgradable' : 'newerInstalled';
}
