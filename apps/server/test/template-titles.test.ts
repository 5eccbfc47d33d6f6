/**
 * Every entity of every template pack has a title that names its records for people: a title
 * field (or first text field) that exists and is not a system field such as `id`, and a reference
 * title (a store visit named by its store) that reaches a named record. Packs are
 * discovered, none is named.
 */
import { titleFieldOf } from '@stagecraft/engine';
import type { App } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { defaultTemplatesRoot, listTemplates } from '../src/templates/loader.js';

/** The chain of fields that names a record of `entityId`, or null when nothing names it. */
function titleChain(app: App, entityId: string, depth = 0): string[] | null {
  const entity = app.entities.find((e) => e.id === entityId);
  const field = titleFieldOf(entity);
  if (!entity || !field) return null;
  if (field.type !== 'reference') return [`${entity.id}.${field.id}`];
  // a title that holds an id is named by what it points at, which must be named in turn
  if (depth >= 3) return null;
  const rest = titleChain(app, field.entity, depth + 1);
  return rest ? [`${entity.id}.${field.id}`, ...rest] : null;
}

describe('record titles of the template packs', () => {
  it('names every record of every pack by something people read, never by an id', async () => {
    const { templates, broken } = await listTemplates(defaultTemplatesRoot({}));
    expect(broken).toEqual([]);
    expect(templates.length).toBeGreaterThan(1);
    for (const t of templates)
      for (const e of t.app.entities) {
        expect(
          titleChain(t.app, e.id),
          `${t.manifest.id}: ${e.id} has no title people can read`,
        ).not.toBeNull();
      }
  });
});
