import { useRuntime, ViewRenderer } from '@stagecraft/renderer';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCreate } from '../shell/may-create.js';
import { navigate } from '../shell/route.js';
import { ListTransferTools } from './import-export/ListTransferTools.js';
import { HttpTransfer } from './import-export/transfer-api.js';

/**
 * A view route: the renderer's registry shows the view by its type (the list here, the board as a
 * lazy chunk). Rows and cards open the record page; New and Import are offered when the user's
 * roles may create records of the entity; Export downloads what a list shows.
 */
export function ViewPage({ app, view, roles }: { app: string; view: string; roles: readonly string[] }) {
  const { t } = useTranslation();
  const runtime = useRuntime();
  const port = useMemo(() => new HttpTransfer(app), [app]);
  const doc = runtime.app.views.find((v) => v.id === view);
  if (!doc) return <p className="sc-state">{t('shell.notFound')}</p>;
  const entity = runtime.app.entities.find((e) => e.id === doc.entity);
  const canCreate = mayCreate(runtime.app, doc.entity, roles);
  return (
    <ViewRenderer
      key={doc.id}
      view={doc}
      onOpen={(r) => navigate({ page: 'record', app, entity: doc.entity, id: r.id })}
      onNew={canCreate ? () => navigate({ page: 'new', app, entity: doc.entity }) : undefined}
      selectable
      toolbar={
        entity
          ? (list) => <ListTransferTools entity={entity} list={list} port={port} canImport={canCreate} />
          : undefined
      }
    />
  );
}
