import type { TFunction } from 'i18next';
import type { TitleState } from './title-cache.js';

/**
 * What shows for a name: a neutral placeholder while it loads (never the id), a "not visible"
 * note for a record the user may not read, `untitled` for a record without a title.
 */
export function titleText(state: TitleState, t: TFunction, untitled: string): string {
  if (state === undefined) return t('title.loading');
  if (state === null) return t('title.hidden');
  return state === '' ? untitled : state;
}
