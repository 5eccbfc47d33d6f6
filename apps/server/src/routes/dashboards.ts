/**
 * Dashboard routes: the published dashboards of an app, the data of every widget (one scoped SQL
 * query each, so a rep's dashboard counts only the rep's records), one widget with a drill path
 * (region → team → rep), the records-list query behind a clicked point (a filter, and for a funnel
 * or dwell step the stage reached), and a live preview of an unpublished widget for the designer.
 */
import { API } from '@stagecraft/contract';
import { planWidget, recordsQuery } from '@stagecraft/engine';
import { type Dashboard, Widget } from '@stagecraft/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/request-context.js';
import { localizeIssue } from '../errors/envelope.js';
import { fail, IssuesError, unwrap } from '../errors/issues-error.js';
import { requestLocale } from '../errors/locale.js';
import { parseOrFail } from '../errors/zod-validator.js';
import { zoneOf } from '../records/rule-context.js';
import { schemaOf } from './contract-schema.js';
import { orgTree, runWidget } from './dashboards-support.js';

const noWidget = (id: string) => ({ en: `No widget "${id}".`, 'zh-CN': `没有组件「${id}」。` });
const NOT_A_DRILL = { en: 'drill must be a JSON array', 'zh-CN': '下钻参数必须是 JSON 数组' };

function parseDrill(raw: string | undefined): unknown[] | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    fail('VALIDATION_FAILED', '/drill', NOT_A_DRILL);
  }
  if (!Array.isArray(value) || value.length > 10) fail('VALIDATION_FAILED', '/drill', NOT_A_DRILL);
  return value;
}

function dashboardOf(definition: { dashboards: Dashboard[] }, id: string): Dashboard {
  const dashboard = definition.dashboards.find((d) => d.id === id);
  if (!dashboard)
    fail('NOT_FOUND', '/dashboard', { en: `No dashboard "${id}".`, 'zh-CN': `没有仪表盘「${id}」。` });
  return dashboard;
}

/** Dashboard route plugin. */
export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.stagecraft;
  const { published } = services;
  const base = '/api/apps/:app/dashboards';

  app.get(
    base,
    {
      schema: schemaOf(API.dashboards.listDashboards),
    },
    async (request) => {
      const actor = requireActor(request);
      const { definition } = await published.latest(actor, request.params.app);
      return {
        dashboards: definition.dashboards.map((d) => ({
          id: d.id,
          label: d.label,
          widgets: d.widgets.length,
        })),
      };
    },
  );

  app.get(
    `${base}/:dashboard`,
    {
      schema: schemaOf(API.dashboards.getDashboard),
    },
    async (request) => {
      const actor = requireActor(request);
      const { definition } = await published.latest(actor, request.params.app);
      const dashboard = dashboardOf(definition, request.params.dashboard);
      const data = [];
      for (const widget of dashboard.widgets) {
        try {
          data.push(
            await runWidget(
              services,
              actor,
              request.params.app,
              definition,
              widget,
              undefined,
              requestLocale(request),
            ),
          );
        } catch (error) {
          if (!(error instanceof IssuesError)) throw error;
          const first = error.issues[0];
          data.push({
            widget: widget.id,
            error: {
              code: first?.code ?? 'VALIDATION_FAILED',
              message: first ? localizeIssue(first, requestLocale(request)) : '',
            },
          });
        }
      }
      return { dashboard, timeZone: await zoneOf(services, actor, definition), data };
    },
  );

  app.get(
    `${base}/:dashboard/widgets/:widget/data`,
    {
      schema: schemaOf(API.dashboards.widgetData),
    },
    async (request) => {
      const actor = requireActor(request);
      const { definition } = await published.latest(actor, request.params.app);
      const widget = dashboardOf(definition, request.params.dashboard).widgets.find(
        (w) => w.id === request.params.widget,
      );
      if (!widget) fail('NOT_FOUND', '/widget', noWidget(request.params.widget));
      return runWidget(
        services,
        actor,
        request.params.app,
        definition,
        widget,
        parseDrill(request.query.drill),
        requestLocale(request),
      );
    },
  );

  app.post(
    `${base}/:dashboard/widgets/:widget/records-filter`,
    {
      schema: schemaOf(API.dashboards.widgetRecordsFilter),
    },
    async (request) => {
      const actor = requireActor(request);
      const { definition } = await published.latest(actor, request.params.app);
      const widget = dashboardOf(definition, request.params.dashboard).widgets.find(
        (w) => w.id === request.params.widget,
      );
      if (!widget) fail('NOT_FOUND', '/widget', noWidget(request.params.widget));
      const [timeZone, orgUnits] = await Promise.all([
        zoneOf(services, actor, definition),
        orgTree(services, actor),
      ]);
      const plan = unwrap(
        planWidget(definition, widget, {
          timeZone,
          now: services.clock.now().toISOString(),
          orgUnits,
          ...(request.body.drill ? { drill: request.body.drill } : {}),
        }),
      );
      // plan.filter already holds the widget filter and the drill path's conditions.
      const query = recordsQuery(plan, request.body.point, timeZone, orgUnits);
      return {
        entity: widget.entity,
        filter: query.filter ?? null,
        ...(query.reachedStage === undefined ? {} : { reachedStage: query.reachedStage }),
      };
    },
  );

  app.post(
    '/api/apps/:app/widgets/preview',
    {
      schema: schemaOf(API.dashboards.previewWidget),
    },
    async (request) => {
      const actor = requireActor(request);
      const { definition } = await published.latest(actor, request.params.app);
      const widget = parseOrFail(Widget, request.body.widget, '/widget');
      return runWidget(
        services,
        actor,
        request.params.app,
        definition,
        widget,
        request.body.drill,
        requestLocale(request),
      );
    },
  );
};
