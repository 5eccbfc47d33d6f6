import type { ListToolbarContext } from '@stagecraft/renderer';
import type { Entity } from '@stagecraft/schema';
import { lazy, Suspense, useState } from 'react';
import { ExportMenu } from './ExportMenu.js';
import type { TransferPort } from './transfer-api.js';
import { useTransferText } from './useTransferText.js';
import './import-export.css';

// The dialog loads when first opened: a list page's first load carries only the two buttons.
const ImportDialog = lazy(() => import('./ImportDialog.js').then((m) => ({ default: m.ImportDialog })));

interface Props {
  entity: Entity;
  list: ListToolbarContext;
  port: TransferPort;
  /** Import is offered only to users who may create records of the entity. */
  canImport: boolean;
}

/** Export and Import in a list's toolbar; a finished import reloads the list. */
export function ListTransferTools({ entity, list, port, canImport }: Props) {
  const { t } = useTransferText();
  const [importing, setImporting] = useState(false);
  return (
    <>
      <ExportMenu
        entity={entity.id}
        list={{ filter: list.filter, sort: list.sort, search: list.search }}
        port={port}
      />
      {canImport && (
        <button type="button" className="sc-button" aria-haspopup="dialog" onClick={() => setImporting(true)}>
          {t('transfer.import')}
        </button>
      )}
      {importing && (
        <Suspense fallback={null}>
          <ImportDialog
            entity={entity}
            port={port}
            onImported={list.reload}
            onClose={() => setImporting(false)}
          />
        </Suspense>
      )}
    </>
  );
}
