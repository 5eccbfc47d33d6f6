import type { App } from '@stagecraft/schema';
import { useState } from 'react';
import { diffApps } from '../publish/diff.js';
import { DiffView } from './DiffView.js';
import { useDesigner } from './designer-context.js';

/** Shown when another admin saved the draft first: nothing was overwritten, and nothing is lost here. */
export function ConflictBanner({
  theirs,
  onRebase,
  onDiscard,
}: {
  theirs: { revision: number; definition: App } | null;
  onRebase(): void;
  onDiscard(): void;
}) {
  const { t, core, state } = useDesigner();
  const [compare, setCompare] = useState(false);
  const labels = core.unsavedLabels;
  return (
    <div role="alert" className="sc-banner sc-banner-conflict" data-testid="draft-conflict">
      <strong>{t('conflictTitle')}</strong> {t('conflictBody', { n: labels.length, list: labels.join(', ') })}
      <div className="sc-banner-actions">
        <button type="button" className="sc-button sc-primary" onClick={onRebase}>
          {t('conflictRebase')}
        </button>
        <button
          type="button"
          className="sc-button"
          onClick={() => setCompare((c) => !c)}
          aria-expanded={compare}
        >
          {t('conflictCompare')}
        </button>
        <button type="button" className="sc-button sc-danger" onClick={onDiscard}>
          {t('conflictDiscard')}
        </button>
      </div>
      {compare && theirs && (
        <div className="sc-compare">
          <h4>{t('compareTitle', { r: theirs.revision })}</h4>
          <DiffView diff={diffApps(theirs.definition, state.doc)} />
        </div>
      )}
    </div>
  );
}
