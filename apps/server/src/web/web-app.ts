/**
 * Serves the built web app (`apps/web/dist`) on the API's port: files by path, and `index.html` for
 * any other GET outside `/api` so client-side routes survive a reload (SPA fallback).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Registers the static files of `webDir`; a missing folder is served as a short notice. */
export async function installWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  if (!existsSync(join(webDir, 'index.html'))) {
    app.log.warn({ webDir }, 'web app not built; run `pnpm build`');
    app.decorateReply('webMissing', true);
  }
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: false,
    serve: existsSync(webDir),
  });
}

/** Answers with the web app's entry page, never cached so a new build is picked up. */
export function sendIndexHtml(reply: FastifyReply): FastifyReply {
  if ((reply as FastifyReply & { webMissing?: boolean }).webMissing) {
    return reply
      .type('text/plain; charset=utf-8')
      .send('Stagecraft web app is not built yet: run `pnpm build`.');
  }
  return reply.header('cache-control', 'no-cache').sendFile('index.html');
}
