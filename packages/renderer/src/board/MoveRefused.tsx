import type { Entity, Locale } from '@stagecraft/schema';
import { useTranslation } from 'react-i18next';
import type { RecordData } from '../services/runtime-services.js';
import { useRecordTitle } from '../titles/useRecordTitle.js';

interface Props {
  entity: Entity;
  record: RecordData;
  reasons: string[];
  locale: Locale;
  onDismiss(): void;
}

/** The banner of a refused card move: which card (by its title) and every reason. */
export function MoveRefused({ entity, record, reasons, locale, onDismiss }: Props) {
  const { t } = useTranslation();
  const title = useRecordTitle(entity, record, locale);
  return (
    <div className="sc-banner sc-banner-error" role="alert" data-testid="move-refused">
      <strong>{t('board.moveRefused', { title })}</strong>
      <ul>
        {reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <button type="button" className="sc-link" onClick={onDismiss}>
        {t('board.dismiss')}
      </button>
    </div>
  );
}
