import { App } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { navItems } from './nav-items.js';
import { href, parseRoute, type Route } from './route.js';

describe('hash routes', () => {
  it('round-trips every page through the URL hash', () => {
    const routes: Route[] = [
      { page: 'home' },
      { page: 'app', app: 'sales' },
      { page: 'view', app: 'sales', view: 'deals' },
      { page: 'new', app: 'sales', entity: 'deal' },
      { page: 'new', app: 'sales', entity: 'deal', form: 'quick' },
      { page: 'record', app: 'sales', entity: 'deal', id: 'a b/c' },
      { page: 'templates' },
      { page: 'automationAdmin' },
      { page: 'sessions' },
      { page: 'apiTokens' },
      { page: 'designer', app: 'sales' },
      { page: 'designer', app: 'sales', tab: 'roles' },
      { page: 'performance', app: 'sales', tab: 'goals' },
      { page: 'performance', app: 'sales', tab: 'forecast' },
      { page: 'performance', app: 'sales', tab: 'scorecards' },
    ];
    for (const r of routes) expect(parseRoute(href(r))).toEqual(r);
    expect(parseRoute('#/nope')).toEqual({ page: 'notFound' });
  });
});

describe('navigation', () => {
  const label = (en: string) => ({ en, 'zh-CN': `${en}-zh` });
  const base = {
    schemaVersion: 1,
    id: 'x',
    label: label('X'),
    entities: [
      { id: 'deal', label: label('Deal'), fields: [{ id: 'name', type: 'text', label: label('Name') }] },
    ],
    views: [
      { id: 'all', type: 'list', entity: 'deal', label: label('All'), columns: [{ id: 'c', field: 'name' }] },
      {
        id: 'mine',
        type: 'list',
        entity: 'deal',
        label: label('Mine'),
        columns: [{ id: 'c', field: 'name' }],
      },
    ],
  };
  it('follows the declared navigation, in the user language', () => {
    const app = App.parse({
      ...base,
      navigation: [
        { id: 'n1', view: 'mine' },
        { id: 'n2', view: 'all', label: label('Everything') },
      ],
    });
    expect(navItems(app, 'zh-CN').map((n) => n.label)).toEqual(['Mine-zh', 'Everything-zh']);
  });
  it('falls back to every view when the app declares no navigation', () => {
    expect(navItems(App.parse(base), 'en').map((n) => n.view)).toEqual(['all', 'mine']);
  });
});
