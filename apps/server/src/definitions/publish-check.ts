/**
 * The bridge to definition validation: a new app's document is parsed like a draft (migrated, shape
 * and limits; references may still be incomplete), and the whole app is checked by the engine
 * (documents, references, rules, type changes against the previous version) before publish.
 */
import { validateAppForPublish } from '@stagecraft/engine';
import { type App, type Locale, parseApp as parseDraft, type Result } from '@stagecraft/schema';

/** A new app document: migrated to the current schema version and parsed (references not checked yet). */
export function parseApp(input: unknown, locale: Locale = 'en'): Result<App> {
  return parseDraft(input, { locale });
}

/** Everything publish requires of an app; `previous` is the currently published version. */
export function checkForPublish(
  input: unknown,
  previous: App | undefined,
  locale: Locale = 'en',
): Result<App> {
  return validateAppForPublish(input, previous, { locale });
}
