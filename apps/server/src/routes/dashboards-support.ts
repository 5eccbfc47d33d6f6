/**
 * What the dashboard, goal and forecast routes share: the zone periods are cut in, the org tree,
 * running one widget (plan in the engine, query in the store) and the display labels of its
 * dimension values (stage, select option, user and org-unit names).
 */
import { type MetricsResult, type OrgUnitRef, type PlannedDimension, planWidget } from '@stagecraft/engine';
import type { App, Locale, LocalizedText, Widget } from '@stagecraft/schema';
import type { Actor } from '@stagecraft/store';
import type { z } from 'zod';
import { fail, unwrap } from '../errors/issues-error.js';
import { parseOrFail } from '../errors/zod-validator.js';
import { TitleResolver } from '../records/record-titles.js';
import { zoneOf } from '../records/rule-context.js';
import type { ServerServices } from '../services.js';

/** The workspace org tree as the planner needs it. */
export async function orgTree(
  services: ServerServices,
  actor: Actor,
): Promise<(OrgUnitRef & { name: string })[]> {
  return (await services.store.identity.orgUnits(actor.workspaceId)).map((u) => ({
    id: u.id,
    path: u.path,
    name: u.name,
  }));
}

/** The label of a grouped record the caller may not read (or without a title): never its id. */
const HIDDEN_LABEL: LocalizedText = { en: '(not visible)', 'zh-CN': '（不可见）' };

/** Display labels per dimension id (and `stage` for funnel steps): value → text. */
export type Labels = Record<string, Record<string, LocalizedText | string>>;

/** The data of one widget as the API returns it. */
export interface WidgetData extends MetricsResult {
  widget: string;
  kind: string;
  dimensions: PlannedDimension[];
  labels: Labels;
}

async function labelsFor(
  services: ServerServices,
  actor: Actor,
  app: App,
  widget: Widget,
  dims: readonly PlannedDimension[],
  orgUnits: readonly (OrgUnitRef & { name: string })[],
  rows: readonly Record<string, unknown>[],
  titles: TitleResolver,
): Promise<Labels> {
  const entity = app.entities.find((e) => e.id === widget.entity);
  const machine = app.stageMachines.find(
    (m) => m.entity === widget.entity && (!widget.stageMachine || m.id === widget.stageMachine),
  );
  const stages = Object.fromEntries((machine?.stages ?? []).map((s) => [s.id, s.label]));
  const labels: Labels = { stage: stages };
  let users: Record<string, string> | undefined;
  for (const d of dims) {
    const field = entity?.fields.find((f) => f.id === d.field);
    const type =
      field?.type ??
      (
        {
          owner: 'user',
          createdBy: 'user',
          updatedBy: 'user',
          orgUnit: 'org_unit',
          stage: 'stage',
        } as Record<string, string>
      )[d.field];
    if (d.kind === 'org' || type === 'org_unit')
      labels[d.id] = Object.fromEntries(orgUnits.map((u) => [u.id, u.name]));
    else if (type === 'user') {
      users ??= Object.fromEntries(
        (await services.store.identity.users(actor.workspaceId)).map((u) => [u.id, u.name]),
      );
      labels[d.id] = users;
    } else if (type === 'stage') labels[d.id] = stages;
    else if (field?.type === 'reference') {
      // Records named by their titles, under the caller's scope: one the caller may not read is
      // labelled as hidden, never by its id.
      const ids = [...new Set(rows.map((r) => r[d.id]).filter((v): v is string => typeof v === 'string'))];
      const named = await titles.records(field.entity, ids, 0, field.displayField);
      labels[d.id] = Object.fromEntries([...named].map(([id, title]) => [id, title ? title : HIDDEN_LABEL]));
    } else if (field && 'options' in field && Array.isArray(field.options))
      labels[d.id] = Object.fromEntries(
        field.options.map((o: { id: string; label: LocalizedText }) => [o.id, o.label]),
      );
  }
  return labels;
}

/** Plans and runs one widget for an actor (issues are thrown as the HTTP envelope). */
export async function runWidget(
  services: ServerServices,
  actor: Actor,
  appId: string,
  app: App,
  widget: Widget,
  drill?: unknown[],
  locale: Locale = 'zh-CN',
): Promise<WidgetData> {
  const titles = new TitleResolver(services, actor, { appId, definition: app }, locale);
  const [timeZone, orgUnits] = await Promise.all([zoneOf(services, actor, app), orgTree(services, actor)]);
  const now = services.clock.now().toISOString();
  const plan = unwrap(planWidget(app, widget, { timeZone, now, orgUnits, ...(drill ? { drill } : {}) }));
  const result = unwrap(await services.store.metrics.run(actor, appId, plan, now));
  const dimensions = 'dimensions' in plan ? plan.dimensions : [];
  return {
    widget: widget.id,
    kind: plan.kind,
    dimensions,
    ...result,
    labels: await labelsFor(services, actor, app, widget, dimensions, orgUnits, result.rows, titles),
  };
}

/** A document from the request body, checked against its model (issues under `path`). */
export function parseDocument<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  return parseOrFail(schema, value, path);
}

/**
 * A goal, forecast or scorecard: by id from the published app (what the runtime uses), or a
 * whole document in the body (the designer's preview of an unpublished one).
 */
export function documentOf<T extends { id: string }>(
  published: readonly T[],
  schema: z.ZodType<T>,
  ref: unknown,
  path: string,
): T {
  if (typeof ref !== 'string') return parseDocument(schema, ref, path);
  const found = published.find((d) => d.id === ref);
  if (!found)
    fail('NOT_FOUND', path, {
      en: `The published app has no document "${ref}" here.`,
      'zh-CN': `已发布的应用中此处没有文档「${ref}」。`,
    });
  return found;
}
