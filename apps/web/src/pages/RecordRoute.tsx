import { formFor, RecordPage, useRuntime } from '@stagecraft/renderer';
import { useTranslation } from 'react-i18next';
import { ApprovalStatePanel } from './record/ApprovalStatePanel.js';

/** A record page route (lazy-loaded). */
export function RecordRoute({ app, entity, id }: { app: string; entity: string; id: string }) {
  const { t } = useTranslation();
  const runtime = useRuntime();
  const doc = runtime.app.entities.find((e) => e.id === entity);
  if (!doc) return <p className="sc-state">{t('shell.notFound')}</p>;
  return (
    <>
      <button type="button" className="sc-link back-link" onClick={() => window.history.back()}>
        ← {t('shell.back')}
      </button>
      <ApprovalStatePanel key={`approval-${id}`} app={app} entity={entity} id={id} />
      <RecordPage key={id} entityId={entity} recordId={id} form={formFor(runtime.app, doc)} />
    </>
  );
}
