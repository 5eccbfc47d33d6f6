/** Picks the caller's language for messages: Accept-Language first, then the signed-in user's locale. */
import type { Locale } from '@stagecraft/schema';
import type { FastifyRequest } from 'fastify';

/** zh-CN when the caller asks for any Chinese, en for anything else; undefined when nothing is said. */
export function parseAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return undefined;
}

/** The locale to answer this request in. */
export function requestLocale(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  return parseAcceptLanguage(typeof header === 'string' ? header : undefined) ?? request.user?.locale ?? 'en';
}
