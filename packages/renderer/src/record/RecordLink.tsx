import type { Field, Locale } from '@stagecraft/schema';
import { useMemo } from 'react';
import { LookupDisplay } from '../fields/LookupDisplay.js';

/** A record named by its title and linked to its page, exactly as a reference field shows it. */
export function RecordLink({ entity, id, locale }: { entity: string; id: string; locale: Locale }) {
  // the shape of a reference field to `entity`, so the one lookup display serves lists and links alike
  const field = useMemo(
    () => ({ id: 'record', type: 'reference', entity, label: {} }) as unknown as Field,
    [entity],
  );
  return <LookupDisplay field={field} value={id} locale={locale} />;
}
