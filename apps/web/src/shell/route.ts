import { useEffect, useState } from 'react';

/** Where the user is: parsed from the URL hash so every page survives a reload and a shared link. */
export type Route =
  | { page: 'home' }
  | { page: 'app'; app: string }
  | { page: 'view'; app: string; view: string }
  | { page: 'new'; app: string; entity: string; form?: string; prefill?: Record<string, string> }
  | { page: 'record'; app: string; entity: string; id: string }
  | { page: 'dashboard'; app: string; dashboard: string }
  | { page: 'dashboardDesigner'; app: string; dashboard: string }
  | { page: 'performance'; app: string; tab: 'goals' | 'forecast' | 'scorecards' }
  | { page: 'designer'; app: string; tab?: 'roles' }
  | { page: 'inbox' }
  | { page: 'tasks' }
  | { page: 'approvals' }
  | { page: 'templates' }
  | { page: 'automationAdmin' }
  | { page: 'sessions' }
  | { page: 'apiTokens' }
  | { page: 'people' }
  | { page: 'password' }
  | { page: 'notFound' };

/** Reads a hash such as `#/a/sales/v/deals`. */
export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.split('?', 2);
  const parts = path.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: 'home' };
  if (parts.length === 1 && (parts[0] === 'inbox' || parts[0] === 'tasks' || parts[0] === 'approvals'))
    return { page: parts[0] };
  if (parts.length === 1 && parts[0] === 'templates') return { page: 'templates' };
  if (parts.length === 1 && parts[0] === 'sessions') return { page: 'sessions' };
  if (parts.length === 1 && parts[0] === 'tokens') return { page: 'apiTokens' };
  if (parts.length === 1 && parts[0] === 'password') return { page: 'password' };
  if (parts.length === 2 && parts[0] === 'admin' && parts[1] === 'people') return { page: 'people' };
  if (parts.length === 2 && parts[0] === 'admin' && parts[1] === 'automation')
    return { page: 'automationAdmin' };
  if (parts[0] !== 'a' || !parts[1]) return { page: 'notFound' };
  const app = parts[1];
  if (parts.length === 2) return { page: 'app', app };
  if (parts[2] === 'v' && parts[3]) return { page: 'view', app, view: parts[3] };
  if (parts[2] === 'd' && parts[3]) return { page: 'dashboard', app, dashboard: parts[3] };
  if (parts[2] === 'p' && (parts[3] === 'goals' || parts[3] === 'forecast' || parts[3] === 'scorecards'))
    return { page: 'performance', app, tab: parts[3] };
  if (parts[2] === 'admin' && parts[3] === 'design')
    return parts[4] === 'roles' ? { page: 'designer', app, tab: 'roles' } : { page: 'designer', app };
  if (parts[2] === 'admin' && parts[3] === 'dashboards' && parts[4])
    return { page: 'dashboardDesigner', app, dashboard: parts[4] };
  if (parts[2] === 'e' && parts[3] && parts[4] === 'new') {
    // `?field=id`: values the form starts with ("new … here" from a related list)
    const prefill = Object.fromEntries(new URLSearchParams(search));
    return {
      page: 'new',
      app,
      entity: parts[3],
      ...(parts[5] ? { form: parts[5] } : {}),
      ...(Object.keys(prefill).length ? { prefill } : {}),
    };
  }
  if (parts[2] === 'e' && parts[3] && parts[4] === 'r' && parts[5])
    return { page: 'record', app, entity: parts[3], id: parts[5] };
  return { page: 'notFound' };
}

/** Writes a route back into a hash. */
export function href(route: Route): string {
  const e = encodeURIComponent;
  switch (route.page) {
    case 'home':
    case 'notFound':
      return '#/';
    case 'inbox':
    case 'tasks':
    case 'approvals':
    case 'templates':
    case 'sessions':
    case 'password':
      return `#/${route.page}`;
    case 'people':
      return '#/admin/people';
    case 'automationAdmin':
      return '#/admin/automation';
    case 'apiTokens':
      return '#/tokens';
    case 'app':
      return `#/a/${e(route.app)}`;
    case 'view':
      return `#/a/${e(route.app)}/v/${e(route.view)}`;
    case 'new':
      return `#/a/${e(route.app)}/e/${e(route.entity)}/new${route.form ? `/${e(route.form)}` : ''}${
        route.prefill && Object.keys(route.prefill).length
          ? `?${new URLSearchParams(route.prefill).toString()}`
          : ''
      }`;
    case 'record':
      return `#/a/${e(route.app)}/e/${e(route.entity)}/r/${e(route.id)}`;
    case 'dashboard':
      return `#/a/${e(route.app)}/d/${e(route.dashboard)}`;
    case 'dashboardDesigner':
      return `#/a/${e(route.app)}/admin/dashboards/${e(route.dashboard)}`;
    case 'performance':
      return `#/a/${e(route.app)}/p/${route.tab}`;
    case 'designer':
      return `#/a/${e(route.app)}/admin/design${route.tab ? `/${route.tab}` : ''}`;
  }
}

/** Goes to a route (adds a history entry, so Back works). */
export function navigate(route: Route): void {
  window.location.hash = href(route);
}

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
