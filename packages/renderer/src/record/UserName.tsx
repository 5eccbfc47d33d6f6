import type { Locale } from '@stagecraft/schema';
import { useTranslation } from 'react-i18next';
import { titleText } from '../titles/title-text.js';
import { useTitle } from '../titles/useTitle.js';

/** A person by name (from the batched title look-up), never by user id; nothing for no one. */
export function UserName({ id, locale }: { id: string | null; locale: Locale }) {
  const { t } = useTranslation();
  const state = useTitle(id ? { kind: 'user', id } : null, locale);
  if (!id) return null;
  return (
    <span className="sc-muted">{state === null ? t('title.unknownUser') : titleText(state, t, '')}</span>
  );
}
