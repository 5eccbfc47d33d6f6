/** `listen()`: binds a built app to a port. Kept apart from `buildApp()` so tests never open sockets. */
import type { FastifyInstance } from 'fastify';

/** Listens on `port` (0 picks a free one) and returns the URL. */
export async function listen(app: FastifyInstance, port: number, host = '0.0.0.0'): Promise<string> {
  await app.listen({ port, host });
  const address = app.server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return `http://localhost:${actual}`;
}
