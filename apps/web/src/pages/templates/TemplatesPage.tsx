import { useCallback, useEffect, useState } from 'react';
import { TemplateCard } from './TemplateCard.js';
import { httpTemplatesPort, type TemplateSummary, type TemplatesPort } from './templates-api.js';
import { useTemplateText } from './useTemplateText.js';
import './templates.css';

/**
 * The template gallery (`#/templates`): every pack with its preview, description and installed
 * version. Admins install and upgrade from here; everyone else sees what is available.
 */
export function TemplatesPage({
  isAdmin,
  port = httpTemplatesPort,
}: {
  isAdmin: boolean;
  port?: TemplatesPort;
}) {
  const { t } = useTemplateText();
  const [list, setList] = useState<TemplateSummary[] | { error: string } | null>(null);
  const load = useCallback(async () => {
    const r = await port.list();
    setList(r.ok ? r.value : { error: r.error.message });
  }, [port]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="tpl-page" aria-labelledby="tpl-title">
      <h1 id="tpl-title">{t('templates.title')}</h1>
      <p className="sc-muted">{t('templates.intro')}</p>
      {!isAdmin && <p className="sc-muted">{t('templates.adminOnly')}</p>}
      {list === null ? (
        <p className="sc-state">{t('shell.loading')}</p>
      ) : 'error' in list ? (
        <p className="sc-state sc-state-error" role="alert">
          {t('templates.loadFailed', { message: list.error })}
        </p>
      ) : list.length === 0 ? (
        <p className="sc-state">{t('templates.empty')}</p>
      ) : (
        <ul className="tpl-cards">
          {list.map((tpl) => (
            <TemplateCard
              key={tpl.id}
              template={tpl}
              isAdmin={isAdmin}
              port={port}
              onInstalled={() => void load()}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
