import { ListView, useRuntime } from '@stagecraft/renderer';
import type { ListView as ListViewDoc } from '@stagecraft/schema';
import { useMemo } from 'react';
import { mayCreate } from '../shell/may-create.js';
import { navigate } from '../shell/route.js';
import { ListTransferTools } from './import-export/ListTransferTools.js';
import { HttpTransfer } from './import-export/transfer-api.js';

/**
 * A list view route: rows open the record page; New and Import appear when the user's roles may
 * create records of the entity; Export downloads what the list shows.
 */
export function ListPage({ app, view, roles }: { app: string; view: ListViewDoc; roles: readonly string[] }) {
  const runtime = useRuntime();
  const entity = runtime.app.entities.find((e) => e.id === view.entity);
  const canCreate = mayCreate(runtime.app, view.entity, roles);
  const port = useMemo(() => new HttpTransfer(app), [app]);
  return (
    <ListView
      key={view.id}
      view={view}
      onOpen={(r) => navigate({ page: 'record', app, entity: view.entity, id: r.id })}
      onNew={canCreate ? () => navigate({ page: 'new', app, entity: view.entity }) : undefined}
      toolbar={
        entity
          ? (list) => <ListTransferTools entity={entity} list={list} port={port} canImport={canCreate} />
          : undefined
      }
    />
  );
}
