/**
 * Saving files from the form, end to end minus the browser: each shipped pack is installed with its
 * demo data as the first start does, a rep opens the entity's form on one of their records, picks a
 * file in the real FileUploader (uploaded through the shell's HTTP services to the real server) and
 * saves. Every attachment and image field of both packs must save, and what is stored is the
 * server's own metadata. Generic: fields, forms and records are discovered from the documents.
 */
// First: a DOM beside the real server (see the module for why not the jsdom environment).
import './jsdom-globals.js';
import type { RecordData } from '@stagecraft/renderer';
import {
  createDefaultRegistry,
  createI18n,
  defaultRuleRuntime,
  FormRenderer,
  localRuleSession,
  RuntimeProvider,
} from '@stagecraft/renderer';
import { App, type Entity, type Field } from '@stagecraft/schema';
import { describeDialects } from '@stagecraft/store/testing';
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { buildApp } from '../../server/src/app.js';
import { firstStartWith } from '../../server/test/first-start.js';
import { HttpRuntimeServices } from '../src/api/http-runtime-services.js';

type Server = Awaited<ReturnType<typeof buildApp>>;

const TEMPLATES = ['sales-management', 'store-sales'];
const ADMIN = { ADMIN_EMAIL: 'owner@form-files.test', ADMIN_PASSWORD: 'form-files-first-start' };
const PNG = Uint8Array.from(
  Buffer.from(
    '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
      '1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6d5a10000000049454e44ae426082',
    'hex',
  ),
);
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

/** The bytes of a (Node) Blob. */
async function bytesOf(blob: Blob): Promise<Buffer> {
  return Buffer.from(await blob.arrayBuffer());
}

/**
 * `fetch` for the shell's HTTP services, answered by the real server through `inject()` with the
 * rep's session cookie; a FormData body is sent as the multipart/form-data a browser would send.
 */
function fetchVia(server: Server, cookie: string): typeof fetch {
  return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string>), cookie };
    let payload: string | Buffer | undefined;
    if (init.body instanceof FormData) {
      const boundary = 'form-files-boundary';
      const parts: Buffer[] = [];
      for (const [name, value] of init.body.entries()) {
        if (typeof value === 'string') {
          parts.push(
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
            ),
          );
        } else {
          const file = value as File;
          parts.push(
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.name}"\r\nContent-Type: ${file.type || 'application/octet-stream'}\r\n\r\n`,
            ),
            await bytesOf(file),
            Buffer.from('\r\n'),
          );
        }
      }
      parts.push(Buffer.from(`--${boundary}--\r\n`));
      payload = Buffer.concat(parts);
      headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    } else if (typeof init.body === 'string') payload = init.body;
    const res = await server.inject({
      method: (init.method ?? 'GET') as 'GET',
      url: String(input),
      headers,
      ...(payload === undefined ? {} : { payload }),
    });
    return new Response(res.statusCode === 204 ? null : new Uint8Array(res.rawPayload), {
      status: res.statusCode,
      headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') },
    });
  }) as typeof fetch;
}

const holdsFiles = (f: Field) => f.type === 'attachment' || f.type === 'image';

/** A file the field takes: a photo for images and image-accepting fields, else a PDF. */
function fileFor(field: Field): File {
  const accept = field.type === 'attachment' ? (field.accept ?? []) : ['image/*'];
  const pdf = field.type === 'attachment' && (accept.length === 0 || accept.includes('application/pdf'));
  return pdf
    ? new File([PDF], `${field.id}.pdf`, { type: 'application/pdf' })
    : new File([PNG], `${field.id}.png`, { type: 'image/png' });
}

afterEach(() => cleanup());

for (const template of TEMPLATES) {
  describeDialects(`file fields save from the form: ${template}`, (ctx) => {
    let server: Server;
    let cookie: string;
    let definition: App;

    beforeAll(async () => {
      const installed = await firstStartWith(ctx.store, ADMIN, template);
      const rep = installed.logins.find((l) => l.role.startsWith('member'));
      if (!rep) throw new Error('no rep login');
      server = await buildApp({ store: ctx.store });
      await server.ready();
      const res = await server.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: rep.email, password: rep.password },
      });
      cookie = `stagecraft_session=${res.cookies.find((c) => c.name === 'stagecraft_session')?.value}`;
      const appId = (
        (await server.inject({ method: 'GET', url: '/api/apps', headers: { cookie } })).json().apps as {
          id: string;
        }[]
      )[0]?.id;
      definition = App.parse(
        (
          await server.inject({ method: 'GET', url: `/api/apps/${appId}/published`, headers: { cookie } })
        ).json().definition,
      );
      vi.stubGlobal('fetch', fetchVia(server, cookie));
    }, 300_000);
    afterAll(async () => {
      vi.unstubAllGlobals();
      await server?.close();
    });

    it('saves a picked file into every attachment and image field, with the server’s metadata', async () => {
      const services = new HttpRuntimeServices(definition.id);
      const entities = definition.entities.filter((e) => e.fields.some(holdsFiles));
      expect(entities.length).toBeGreaterThan(0);
      const saved: string[] = [];
      for (const entity of entities as Entity[]) {
        const form = definition.forms.find((f) => f.entity === entity.id);
        expect(form, `a form for ${entity.id}`).toBeDefined();
        const listed = await services.listRecords(entity.id, { limit: 1 });
        if (!listed.ok) throw new Error(listed.error.message);
        let record = listed.value.records[0] as RecordData;
        expect(record, `a record of the rep in ${entity.id}`).toBeDefined();
        for (const field of entity.fields.filter(holdsFiles)) {
          const file = fileFor(field);
          const onSaved = vi.fn<(r: RecordData) => void>();
          const i18n = createI18n('zh-CN');
          const view = render(
            <I18nextProvider i18n={i18n}>
              <RuntimeProvider
                runtime={{
                  app: definition,
                  services,
                  registry: createDefaultRegistry(),
                  rules: defaultRuleRuntime,
                  session: localRuleSession(),
                }}
              >
                <FormRenderer form={form!} entity={entity} record={record} onSaved={onSaved} />
              </RuntimeProvider>
            </I18nextProvider>,
          );
          const input = view.container.querySelector<HTMLInputElement>(
            `input[type=file][id$="-${field.id}"]`,
          );
          expect(input, `${entity.id}.${field.id} is on the form`).not.toBeNull();
          await act(async () => {
            fireEvent.change(input!, { target: { files: [file] } });
          });
          await waitFor(() => expect(view.container.textContent).toContain(file.name));
          await act(async () => {
            fireEvent.submit(view.container.querySelector('form')!);
          });
          await waitFor(() => {
            const alert = view.container.querySelector('[role=alert]')?.textContent;
            expect(onSaved, `${entity.id}.${field.id}: ${alert ?? ''}`).toHaveBeenCalled();
          });
          const after = onSaved.mock.calls[0]?.[0] as RecordData;
          const stored = (after[field.id] as { id: string; name: string; size: number; url: string }[]).at(
            -1,
          );
          expect(stored).toMatchObject({ name: file.name, size: file.size });
          expect(stored?.url).toBe(`/api/attachments/${encodeURIComponent(stored?.id ?? '')}/content`);
          const opened = await fetch(stored!.url);
          expect(opened.status).toBe(200);
          record = after;
          saved.push(`${entity.id}.${field.id}`);
          view.unmount();
        }
      }
      expect(saved).toEqual(
        entities.flatMap((e) => e.fields.filter(holdsFiles).map((f) => `${e.id}.${f.id}`)),
      );
    }, 120_000);
  });
}
