import { RuntimeProvider } from '@stagecraft/renderer';
import type { Locale } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSummary, Me } from '../api/session-api.js';
import { sessionApi } from '../api/session-api.js';
import { ViewPage } from '../pages/ViewPage.js';
import { EmailPreference } from './EmailPreference.js';
import { GlobalSearch } from './GlobalSearch.js';
import { InboxBell } from './InboxBell.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { navItems } from './nav-items.js';
import { href, navigate, parseRoute, type Route, useRoute } from './route.js';
import { useAppRuntime } from './useAppRuntime.js';

const FormPage = lazy(() => import('../pages/FormPage.js').then((m) => ({ default: m.FormPage })));
const DashboardPage = lazy(() =>
  import('../pages/DashboardPage.js').then((m) => ({ default: m.DashboardPage })),
);
const DashboardDesigner = lazy(() =>
  import('../pages/admin/DashboardDesigner.js').then((m) => ({ default: m.DashboardDesigner })),
);
const InboxPage = lazy(() => import('../pages/InboxPage.js').then((m) => ({ default: m.InboxPage })));
const TasksPage = lazy(() => import('../pages/TasksPage.js').then((m) => ({ default: m.TasksPage })));
const ApprovalsPage = lazy(() =>
  import('../pages/ApprovalsPage.js').then((m) => ({ default: m.ApprovalsPage })),
);
const AppDesignerPage = lazy(() =>
  import('../admin/AppDesignerPage.js').then((m) => ({ default: m.AppDesignerPage })),
);
const TemplatesPage = lazy(() =>
  import('../pages/templates/TemplatesPage.js').then((m) => ({ default: m.TemplatesPage })),
);
const AutomationAdminPage = lazy(() =>
  import('../pages/automation/AutomationAdminPage.js').then((m) => ({ default: m.AutomationAdminPage })),
);
const SessionsPage = lazy(() =>
  import('../pages/SessionsPage.js').then((m) => ({ default: m.SessionsPage })),
);
const TokensPage = lazy(() =>
  import('../pages/tokens/TokensPage.js').then((m) => ({ default: m.TokensPage })),
);
const PeoplePage = lazy(() =>
  import('../pages/people/PeoplePage.js').then((m) => ({ default: m.PeoplePage })),
);
const ChangePasswordPage = lazy(() =>
  import('../pages/people/ChangePasswordPage.js').then((m) => ({ default: m.ChangePasswordPage })),
);
const PerformancePage = lazy(() =>
  import('../pages/performance/PerformancePage.js').then((m) => ({ default: m.PerformancePage })),
);
const RecordRoute = lazy(() => import('../pages/RecordRoute.js').then((m) => ({ default: m.RecordRoute })));

/** The user menu's own pages (every signed-in user has them), with their labels. */
const USER_MENU_PAGES = [
  ['sessions', 'shell.sessions'],
  ['apiTokens', 'shell.apiTokens'],
  ['password', 'shell.changePassword'],
] as const;

/** The signed-in frame: app switcher, navigation from the app's views, user menu, language. */
export function Shell({ me, onSignedOut }: { me: Me; onSignedOut(switching?: boolean): void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const route = useRoute();
  const appId = 'app' in route ? route.app : null;
  const [apps, setApps] = useState<AppSummary[] | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const { runtime, error } = useAppRuntime(appId);

  useEffect(() => {
    void sessionApi.apps().then((r) => setApps(r.ok ? r.value : []));
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: close the phone menu on every navigation
  useEffect(() => setMenuOpen(false), [route]);
  // An app without a view in the URL opens its first navigation entry.
  useEffect(() => {
    if (route.page === 'app' && runtime) {
      const first = navItems(runtime.app, locale)[0];
      // Only while the address still names the bare app: a navigation made meanwhile (a link, a
      // bookmark typed while the app loaded) wins over the default landing.
      const stillBare = parseRoute(window.location.hash);
      if (first && stillBare.page === 'app' && stillBare.app === route.app)
        window.location.replace(href({ page: 'view', app: route.app, view: first.view }));
    }
  }, [route, runtime, locale]);

  const nav = runtime ? navItems(runtime.app, locale) : [];
  const currentView = route.page === 'view' ? route.view : null;
  return (
    <div className="shell">
      <header className="topbar">
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="side-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          ☰ <span className="sc-visually-hidden">{t('shell.menu')}</span>
        </button>
        <a className="brand" href="#/">
          {t('shell.product')}
        </a>
        <select
          className="app-switch"
          aria-label={t('shell.apps')}
          value={appId ?? ''}
          onChange={(e) => navigate(e.target.value ? { page: 'app', app: e.target.value } : { page: 'home' })}
        >
          <option value="">{t('shell.apps')}</option>
          {(apps ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {localize(a.label, locale)}
            </option>
          ))}
        </select>
        <span className="spacer" />
        {appId && runtime && <GlobalSearch appId={appId} app={runtime.app} />}
        <InboxBell />
        <LanguageSwitch />
        <details className="user-menu">
          <summary>{me.name || me.email}</summary>
          <div className="user-menu-body">
            <p className="sc-muted">{me.email}</p>
            {me.workspace.name && (
              <p className="sc-muted">
                {t('shell.workspace')}: {me.workspace.name}
              </p>
            )}
            <EmailPreference initial={me.emailNotifications} />
            {USER_MENU_PAGES.map(([page, label]) => (
              <a
                key={page}
                className="sc-button"
                href={href({ page })}
                onClick={(e) => e.currentTarget.closest('details')?.removeAttribute('open')}
              >
                {t(label)}
              </a>
            ))}
            <button
              type="button"
              className="sc-button"
              onClick={async () => {
                await sessionApi.logout();
                onSignedOut(true);
              }}
            >
              {t('shell.switchWorkspace')}
            </button>
            <button
              type="button"
              className="sc-button"
              onClick={async () => {
                await sessionApi.logout();
                onSignedOut();
              }}
            >
              {t('shell.signOut')}
            </button>
          </div>
        </details>
      </header>
      <div className="body">
        <nav id="side-nav" className={menuOpen ? 'sidenav open' : 'sidenav'} aria-label={t('shell.menu')}>
          {runtime && <h2 className="sidenav-title">{localize(runtime.app.label, locale)}</h2>}
          <ul>
            {nav.map((n) => (
              <li key={n.id}>
                <a
                  href={href({ page: 'view', app: appId ?? '', view: n.view })}
                  aria-current={currentView === n.view ? 'page' : undefined}
                >
                  <span aria-hidden="true">{n.type === 'board' ? '▦ ' : '☰ '}</span>
                  {n.label}
                </a>
              </li>
            ))}
            {(runtime?.app.dashboards ?? []).map((d) => (
              <li key={`dashboard-${d.id}`}>
                <a
                  href={href({ page: 'dashboard', app: appId ?? '', dashboard: d.id })}
                  aria-current={route.page === 'dashboard' && route.dashboard === d.id ? 'page' : undefined}
                >
                  <span aria-hidden="true">◔ </span>
                  {localize(d.label, locale)}
                </a>
                {me.roles.includes('admin') && (
                  <a
                    className="sc-muted"
                    href={href({ page: 'dashboardDesigner', app: appId ?? '', dashboard: d.id })}
                    aria-current={
                      route.page === 'dashboardDesigner' && route.dashboard === d.id ? 'page' : undefined
                    }
                  >
                    <span aria-hidden="true">✎ </span>
                    {t('shell.editDashboard')}
                  </a>
                )}
              </li>
            ))}
            {appId &&
              runtime &&
              (
                [
                  ['goals', (runtime.app.goals ?? []).length, '◎ '],
                  ['forecast', (runtime.app.forecasts ?? []).length, '↗ '],
                  ['scorecards', (runtime.app.scorecards ?? []).length, '★ '],
                ] as const
              ).map(([tab, count, icon]) =>
                count > 0 ? (
                  <li key={`performance-${tab}`}>
                    <a
                      href={href({ page: 'performance', app: appId, tab })}
                      aria-current={route.page === 'performance' && route.tab === tab ? 'page' : undefined}
                    >
                      <span aria-hidden="true">{icon}</span>
                      {t(`shell.performance_${tab}`)}
                    </a>
                  </li>
                ) : null,
              )}
            {me.roles.includes('admin') && appId && (
              <li key="designer">
                <a
                  href={href({ page: 'designer', app: appId })}
                  aria-current={route.page === 'designer' && !route.tab ? 'page' : undefined}
                >
                  <span aria-hidden="true">✎ </span>
                  {t('shell.designer')}
                </a>
              </li>
            )}
            {me.roles.includes('admin') && appId && (
              <li key="roles">
                <a
                  href={href({ page: 'designer', app: appId, tab: 'roles' })}
                  aria-current={route.page === 'designer' && route.tab === 'roles' ? 'page' : undefined}
                >
                  <span aria-hidden="true">◇ </span>
                  {t('shell.roles')}
                </a>
              </li>
            )}
            {me.roles.includes('admin') && (
              <li key="templates">
                <a
                  href={href({ page: 'templates' })}
                  aria-current={route.page === 'templates' ? 'page' : undefined}
                >
                  <span aria-hidden="true">▤ </span>
                  {t('shell.templates')}
                </a>
              </li>
            )}
            {me.roles.includes('admin') && (
              <li key="people">
                <a
                  href={href({ page: 'people' })}
                  aria-current={route.page === 'people' ? 'page' : undefined}
                >
                  <span aria-hidden="true">☺ </span>
                  {t('shell.people')}
                </a>
              </li>
            )}
            {me.roles.includes('admin') && (
              <li key="automation">
                <a
                  href={href({ page: 'automationAdmin' })}
                  aria-current={route.page === 'automationAdmin' ? 'page' : undefined}
                >
                  <span aria-hidden="true">⚙ </span>
                  {t('shell.automation')}
                </a>
              </li>
            )}
            {me.roles.includes('admin') && (
              <li key="apiTokens">
                <a
                  href={href({ page: 'apiTokens' })}
                  aria-current={route.page === 'apiTokens' ? 'page' : undefined}
                >
                  <span aria-hidden="true">◈ </span>
                  {t('shell.apiTokens')}
                </a>
              </li>
            )}
          </ul>
        </nav>
        <main className="content">
          {route.page === 'sessions' ? (
            <Suspense fallback={<p className="sc-state">{t('shell.loading')}</p>}>
              <SessionsPage onSignedOut={() => onSignedOut()} />
            </Suspense>
          ) : route.page === 'apiTokens' ? (
            <Suspense fallback={<p className="sc-state">{t('shell.loading')}</p>}>
              <TokensPage onSignedOut={() => onSignedOut()} />
            </Suspense>
          ) : route.page === 'people' ? (
            <Suspense fallback={<p className="sc-state">{t('shell.loading')}</p>}>
              {me.roles.includes('admin') ? (
                <PeoplePage meId={me.id} />
              ) : (
                <p className="sc-state">{t('shell.notFound')}</p>
              )}
            </Suspense>
          ) : route.page === 'password' ? (
            <Suspense fallback={<p className="sc-state">{t('shell.loading')}</p>}>
              <ChangePasswordPage onChanged={() => undefined} />
            </Suspense>
          ) : route.page === 'templates' ? (
            <Suspense fallback={<p className="sc-state">{t('shell.loading')}</p>}>
              <TemplatesPage isAdmin={me.roles.includes('admin')} />
            </Suspense>
          ) : route.page === 'automationAdmin' ? (
            <Suspense fallback={<p className="sc-state">{t('shell.loading')}</p>}>
              <AutomationAdminPage />
            </Suspense>
          ) : route.page === 'inbox' || route.page === 'tasks' || route.page === 'approvals' ? (
            <Suspense fallback={<p className="sc-state">{t('shell.loading')}</p>}>
              {route.page === 'inbox' ? (
                <InboxPage />
              ) : route.page === 'tasks' ? (
                <TasksPage />
              ) : (
                <ApprovalsPage />
              )}
            </Suspense>
          ) : route.page === 'home' || route.page === 'notFound' ? (
            <Home apps={apps} notFound={route.page === 'notFound'} />
          ) : error ? (
            <p className="sc-state sc-state-error">{t('shell.loadFailed', { message: error })}</p>
          ) : !runtime ? (
            <p className="sc-state">{t('shell.loading')}</p>
          ) : (
            <RuntimeProvider runtime={runtime}>
              <Suspense fallback={<p className="sc-state">{t('shell.loading')}</p>}>
                <Page route={route} roles={me.roles} />
              </Suspense>
            </RuntimeProvider>
          )}
        </main>
      </div>
    </div>
  );
}

function Page({ route, roles }: { route: Route; roles: readonly string[] }) {
  const { t } = useTranslation();
  switch (route.page) {
    case 'view':
      return <ViewPage app={route.app} view={route.view} roles={roles} />;
    case 'new':
      return <FormPage app={route.app} entity={route.entity} form={route.form} prefill={route.prefill} />;
    case 'record':
      return <RecordRoute app={route.app} entity={route.entity} id={route.id} />;
    case 'dashboard':
      return <DashboardPage app={route.app} dashboard={route.dashboard} />;
    case 'dashboardDesigner':
      return <DashboardDesigner app={route.app} dashboard={route.dashboard} />;
    case 'performance':
      return <PerformancePage app={route.app} tab={route.tab} />;
    case 'designer':
      return <AppDesignerPage key={route.tab ?? 'form'} app={route.app} initialTab={route.tab} />;
    default:
      return <p className="sc-state">{t('shell.loading')}</p>;
  }
}

function Home({ apps, notFound }: { apps: AppSummary[] | null; notFound: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  // With a single published app there is nothing to choose: open it (a first start lands in the pack).
  const only = apps?.length === 1 && apps[0]?.publishedVersion !== null ? apps[0]?.id : undefined;
  useEffect(() => {
    // Only while the address is still the home page: a navigation already under way wins.
    const atHome =
      window.location.hash === '' || window.location.hash === '#/' || window.location.hash === '#';
    if (only && !notFound && atHome) window.location.replace(href({ page: 'app', app: only }));
  }, [only, notFound]);
  if (apps === null) return <p className="sc-state">{t('shell.loading')}</p>;
  return (
    <section className="home">
      {notFound && <p className="sc-state">{t('shell.notFound')}</p>}
      <h1>{t('shell.apps')}</h1>
      {apps.length === 0 && <p className="sc-state">{t('shell.noApps')}</p>}
      <ul className="app-cards">
        {apps.map((a) => (
          <li key={a.id}>
            <a className="sc-card app-card" href={href({ page: 'app', app: a.id })}>
              <strong>{localize(a.label, locale)}</strong>
              {a.publishedVersion === null && <span className="sc-muted"> ({t('shell.notPublished')})</span>}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
