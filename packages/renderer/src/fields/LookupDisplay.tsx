import { localize } from '@stagecraft/schema';
import { useTranslation } from 'react-i18next';
import type { FieldDisplayProps } from '../registry/component-registry.js';
import { useRuntime } from '../runtime/runtime-context.js';
import { titleRefOf } from '../titles/title-refs.js';
import { titleText } from '../titles/title-text.js';
import { useTitle } from '../titles/useTitle.js';

/**
 * Shows the name behind an id: the referenced record's title (or its display field), a user's or
 * an org unit's name. Names come from the batched title look-up (one request for every cell of a
 * page); while one loads a neutral placeholder shows, never the id.
 */
export function LookupDisplay({ field, value, locale }: FieldDisplayProps) {
  const { t } = useTranslation();
  const { app, links } = useRuntime();
  const ref = titleRefOf(field, value);
  const state = useTitle(ref, locale);
  if (!ref) return <span />;
  const target = ref.kind === 'reference' ? app.entities.find((e) => e.id === ref.entity) : undefined;
  const untitled = t('title.untitled', { entity: localize(target?.label, locale) });
  const text = titleText(state, t, untitled);
  // A readable referenced record is a link to its page (a click on it does not open the row it sits in).
  if (ref.kind === 'reference' && links && typeof state === 'string')
    return (
      <a
        className="sc-ref-link"
        href={links.record(ref.entity, ref.id)}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.stopPropagation()}
      >
        {text}
      </a>
    );
  return (
    <span className={state === undefined ? 'sc-title-loading' : undefined} aria-busy={state === undefined}>
      {text}
    </span>
  );
}
