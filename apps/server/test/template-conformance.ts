/**
 * Checks every template pack must pass, run by each pack's own test: the documents load and pass
 * the publish gate, every text exists in zh-CN and en, and the demo generator is deterministic and
 * agrees with the documents (fields exist, stages and moves are declared by the stage machines).
 */

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { validateAppForPublish } from '@stagecraft/engine';
import type { App } from '@stagecraft/schema';
import { compareSemVer } from '@stagecraft/schema';
import { expect, it } from 'vitest';
import { checkDemoData, loadDemoGenerator } from '../src/templates/demo-data.js';
import { type LoadedTemplate, loadTemplate, loadTemplateHistory } from '../src/templates/loader.js';

/** JSON paths of localized texts that lack one of the two locales. */
export function missingLocales(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => missingLocales(v, `${path}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((k) => k === 'zh-CN' || k === 'en')) {
    return keys.length === 2 ? [] : [path];
  }
  return keys.flatMap((k) => missingLocales((value as Record<string, unknown>)[k], `${path}/${k}`));
}

async function load(dir: string): Promise<LoadedTemplate> {
  const loaded = await loadTemplate(dir);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues, null, 1));
  return loaded.value;
}

/** Registers the conformance tests of the pack in `dir`. */
export function packConformance(dir: string, options: { now: string }): void {
  it('loads and passes the publish gate (documents, references, rules)', async () => {
    const template = await load(dir);
    const checked = validateAppForPublish(template.app);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
  });

  it('keeps every earlier version it can upgrade from as a valid app (history/<version>.json)', async () => {
    const template = await load(dir);
    const files = await readdir(join(template.dir, template.manifest.historyDir)).catch(() => [] as string[]);
    for (const file of files.filter((f) => f.endsWith('.json'))) {
      const version = file.slice(0, -'.json'.length);
      expect(compareSemVer(version, template.manifest.version), file).toBeLessThan(0);
      expect(await loadTemplateHistory(template, version), file).not.toBeNull();
    }
  });

  it('has every label and message in zh-CN and en', async () => {
    const template = await load(dir);
    expect(missingLocales(template.app)).toEqual([]);
    expect(
      missingLocales({ label: template.manifest.label, description: template.manifest.description }),
    ).toEqual([]);
  });

  it('generates the same demo data for the same seed, and other data for another seed', async () => {
    const template = await load(dir);
    const generate = await loadDemoGenerator(template);
    if (!generate.ok) throw new Error(JSON.stringify(generate.issues));
    const sample = (seed: number) => {
      const data = generate.value({ seed, now: options.now });
      return data.entities.map((e) => [...e.records()].slice(0, 20));
    };
    expect(JSON.stringify(sample(7))).toBe(JSON.stringify(sample(7)));
    expect(JSON.stringify(sample(7))).not.toBe(JSON.stringify(sample(8)));
    const scaleEntity = template.manifest.demo?.scaleEntity;
    if (scaleEntity) {
      const scaled = generate
        .value({ seed: 7, now: options.now, scale: 1234 })
        .entities.find((e) => e.entity === scaleEntity);
      expect(scaled?.count).toBe(1234);
      let n = 0;
      for (const _ of scaled?.records() ?? []) n++;
      expect(n).toBe(1234);
    }
  });

  it('gives every demo row its own id, even at benchmark scale', async () => {
    const template = await load(dir);
    const generate = await loadDemoGenerator(template);
    if (!generate.ok) throw new Error(JSON.stringify(generate.issues));
    const data = generate.value({ now: options.now, scale: 200_000 });
    const ids = new Set<string>();
    let rows = 0;
    for (const part of data.entities) {
      for (const row of part.records()) {
        ids.add(row.id);
        rows++;
      }
    }
    expect(ids.size).toBe(rows);
  });

  it('generates demo rows that fit the documents: known fields, declared stages and moves', async () => {
    const template = await load(dir);
    const generate = await loadDemoGenerator(template);
    if (!generate.ok) throw new Error(JSON.stringify(generate.issues));
    const data = checkDemoData(generate.value({ now: options.now }));
    if (!data.ok) throw new Error(JSON.stringify(data.issues));
    const app: App = template.app;
    const users = new Set(data.value.users.map((u) => u.key));
    const now = Date.parse(options.now);
    for (const part of data.value.entities) {
      const entity = app.entities.find((e) => e.id === part.entity);
      expect(entity, part.entity).toBeDefined();
      const fields = new Set(entity?.fields.map((f) => f.id));
      const machine = app.stageMachines.find((m) => m.entity === part.entity);
      const stages = new Set(machine?.stages.map((s) => s.id));
      let count = 0;
      for (const row of part.records()) {
        count++;
        for (const key of Object.keys(row.values))
          expect(fields.has(key), `${part.entity}.${key}`).toBe(true);
        expect(users.has(row.owner), row.owner).toBe(true);
        expect(Date.parse(row.createdAt)).toBeLessThanOrEqual(now);
        if (row.stage !== undefined)
          expect(stages.has(row.stage), `${part.entity} stage ${row.stage}`).toBe(true);
      }
      expect(count).toBe(part.count);
      for (const move of part.stageHistory?.() ?? []) {
        const transition = machine?.transitions.find((t) => t.id === move.transition);
        expect(transition?.to, `${part.entity} ${move.transition}`).toBe(move.to);
        expect(Date.parse(move.at)).toBeLessThanOrEqual(now);
      }
    }
  });
}
