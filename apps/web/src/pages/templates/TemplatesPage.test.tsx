// @vitest-environment jsdom

import type { ApiResult } from '@stagecraft/renderer';
import { createI18n } from '@stagecraft/renderer';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { shellMessages } from '../../i18n/shell-messages.js';
import { TemplatesPage } from './TemplatesPage.js';
import type { InstallReport, TemplateSummary, TemplatesPort } from './templates-api.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** An in-memory server: two packs, one installed at an older version; install answers like the API. */
class MemoryTemplates implements TemplatesPort {
  calls: { name: string; demo: boolean }[] = [];
  packs: TemplateSummary[] = [
    {
      id: 'pack-a',
      version: '1.1.0',
      label: L('甲模板', 'Pack A'),
      description: L('甲的说明', 'About pack A'),
      preview: '/api/templates/pack-a/preview',
      tags: ['b2b'],
      app: 'appA',
      installedVersion: '1.0.0',
      hasDemo: true,
    },
    {
      id: 'pack-b',
      version: '2.0.0',
      label: L('乙模板', 'Pack B'),
      description: L('乙的说明', 'About pack B'),
      preview: '/api/templates/pack-b/preview',
      tags: [],
      app: 'appB',
      installedVersion: null,
      hasDemo: true,
    },
  ];
  async list(): Promise<ApiResult<TemplateSummary[]>> {
    return { ok: true, value: this.packs.map((p) => ({ ...p })) };
  }
  async install(name: string, options: { demo: boolean }): Promise<ApiResult<InstallReport>> {
    this.calls.push({ name, ...options });
    const pack = this.packs.find((p) => p.id === name);
    if (!pack)
      return {
        ok: false,
        error: { status: 404, code: 'NOT_FOUND', message: 'No such template', details: [] },
      };
    const from = pack.installedVersion;
    pack.installedVersion = pack.version;
    const status = from === null ? 'installed' : from === pack.version ? 'unchanged' : 'upgraded';
    return {
      ok: true,
      value: {
        template: name,
        version: pack.version,
        app: pack.app,
        status,
        fromVersion: from,
        appVersion: status === 'unchanged' ? null : 3,
        conflicts:
          status === 'upgraded'
            ? [
                {
                  path: '/entities/deal/label',
                  reason: 'both_changed',
                  base: L('交易', 'Deal'),
                  template: L('商机', 'Opportunity'),
                  current: L('项目', 'Project'),
                },
              ]
            : [],
        demo: options.demo
          ? {
              users: 4,
              orgUnits: 3,
              files: 6,
              records: { a: 10, b: 5 },
              stageMoves: 3,
              approvals: 0,
              forecastSnapshots: 0,
              logins: [],
              ms: 40,
            }
          : null,
      },
    };
  }
}

function renderPage(port: TemplatesPort, isAdmin = true, locale: 'en' | 'zh-CN' = 'en') {
  return render(
    <I18nextProvider i18n={createI18n(locale, shellMessages)}>
      <TemplatesPage isAdmin={isAdmin} port={port} />
    </I18nextProvider>,
  );
}
const card = (id: string) => document.querySelector(`[data-template="${id}"]`) as HTMLElement;
/** The card of a pack once the list has loaded. */
const findCard = (id: string) =>
  waitFor(() => {
    const el = card(id);
    if (!el) throw new Error(`no card ${id}`);
    return el;
  });

afterEach(cleanup);

describe('template gallery', () => {
  it('lists packs with preview, description and installed version', async () => {
    renderPage(new MemoryTemplates());
    await screen.findByRole('heading', { name: 'Pack A' });
    const a = within(card('pack-a'));
    expect(a.getByRole('img', { name: 'Preview of Pack A' }).getAttribute('src')).toBe(
      '/api/templates/pack-a/preview',
    );
    expect(a.getByText('About pack A')).toBeTruthy();
    expect(a.getByText('Installed: version 1.0.0 · version 1.1.0 available')).toBeTruthy();
    expect(a.getByRole('button', { name: 'Upgrade to 1.1.0' })).toBeTruthy();
    expect(within(card('pack-b')).getByText('Not installed')).toBeTruthy();
    expect(within(card('pack-b')).getByRole('button', { name: 'Install' })).toBeTruthy();
  });

  it('installs with demo data and reports it, then shows the pack installed', async () => {
    const port = new MemoryTemplates();
    renderPage(port);
    const b = within(await findCard('pack-b'));
    expect((b.getByRole('checkbox', { name: 'With demo data' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(b.getByRole('button', { name: 'Install' }));
    const status = await b.findByRole('status');
    expect(status.textContent).toContain('Installed version 2.0.0 (app version 3).');
    expect(status.textContent).toContain('Demo data: 15 records, 4 users.');
    expect(port.calls).toEqual([{ name: 'pack-b', demo: true }]);
    await waitFor(() => expect(b.getByText('Installed: version 2.0.0')).toBeTruthy());
    expect(b.getByRole('link', { name: 'Open the app' }).getAttribute('href')).toBe('#/a/appB');
  });

  it('installs without demo data when unticked', async () => {
    const port = new MemoryTemplates();
    renderPage(port);
    const b = within(await findCard('pack-b'));
    fireEvent.click(b.getByRole('checkbox', { name: 'With demo data' }));
    fireEvent.click(b.getByRole('button', { name: 'Install' }));
    const status = await b.findByRole('status');
    expect(status.textContent).not.toContain('Demo data');
    expect(port.calls).toEqual([{ name: 'pack-b', demo: false }]);
  });

  it('upgrades and lists the conflicts with both values, then an install again is unchanged', async () => {
    const port = new MemoryTemplates();
    renderPage(port);
    const a = within(await findCard('pack-a'));
    fireEvent.click(a.getByRole('button', { name: 'Upgrade to 1.1.0' }));
    const status = await a.findByRole('status');
    expect(status.textContent).toContain('Upgraded from 1.0.0 to 1.1.0');
    const row = within(status).getByRole('row', { name: /entities\/deal\/label/ });
    expect(row.textContent).toContain('both changed');
    expect(row.textContent).toContain('Opportunity');
    expect(row.textContent).toContain('Project');
    // upgrades never load demo data
    expect(port.calls).toEqual([{ name: 'pack-a', demo: false }]);
    fireEvent.click(await a.findByRole('button', { name: 'Install again' }));
    await waitFor(() =>
      expect(a.getByRole('status').textContent).toBe('Already at version 1.1.0: nothing changed.'),
    );
  });

  it('reports a failed install', async () => {
    const port = new MemoryTemplates();
    port.install = async () => ({
      ok: false,
      error: {
        status: 422,
        code: 'TEMPLATE_INVALID',
        message: 'The template does not validate',
        details: [{ path: '/entities/0', message: 'bad entity' }],
      },
    });
    renderPage(port);
    const b = within(await findCard('pack-b'));
    fireEvent.click(b.getByRole('button', { name: 'Install' }));
    const alert = await b.findByRole('alert');
    expect(alert.textContent).toContain('Install failed: The template does not validate');
    expect(alert.textContent).toContain('bad entity');
  });

  it('shows no install buttons to non-admins, in Chinese', async () => {
    renderPage(new MemoryTemplates(), false, 'zh-CN');
    await screen.findByRole('heading', { name: '甲模板' });
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.getByText('只有管理员可以安装模板。')).toBeTruthy();
    expect(within(card('pack-b')).getByText('未安装')).toBeTruthy();
  });
});
