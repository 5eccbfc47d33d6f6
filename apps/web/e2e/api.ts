/** A tiny HTTP client for seeding through the public API, holding the session cookie. */
export class SeedClient {
  private cookie = '';
  constructor(private readonly base: string) {}

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    const isForm = body instanceof FormData;
    const res = await fetch(this.base + path, {
      method,
      headers: {
        cookie: this.cookie,
        ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0] ?? '';
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  login(email: string, password: string) {
    return this.call('POST', '/api/auth/login', { email, password });
  }
}
