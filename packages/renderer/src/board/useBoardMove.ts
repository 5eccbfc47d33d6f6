import type { Entity, Locale, StageMachine, Transition } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRuntime } from '../runtime/runtime-context.js';
import type { RecordData } from '../services/runtime-services.js';

/** Why a drop did not move the card, to show next to the board. */
export interface MoveRefusal {
  record: RecordData;
  reasons: string[];
}

/**
 * What a drop on another column does: find the declared transition to that stage; refuse with the
 * server's reasons if it is blocked; open the dialog if it needs fields or evidence; else run it.
 */
export function useBoardMove(entity: Entity, machine: StageMachine, onMoved: () => void) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { services } = useRuntime();
  const [refusal, setRefusal] = useState<MoveRefusal | null>(null);
  const [dialog, setDialog] = useState<{ record: RecordData; transition: Transition } | null>(null);
  const stageLabel = (id: string) => localize(machine.stages.find((s) => s.id === id)?.label, locale) || id;

  async function attempt(record: RecordData, from: string, to: string) {
    setRefusal(null);
    const listed = await services.transitions(entity.id, record.id);
    if (!listed.ok) return setRefusal({ record, reasons: [listed.error.message] });
    const candidates = listed.value.options.filter((o) => o.to === to);
    const option = candidates.find((o) => o.allowed) ?? candidates[0];
    if (!option)
      return setRefusal({
        record,
        reasons: [t('board.noTransition', { from: stageLabel(from), to: stageLabel(to) })],
      });
    if (!option.allowed) return setRefusal({ record, reasons: option.reasons.map((r) => r.message) });
    const doc = machine.transitions.find((x) => x.id === option.id);
    if (doc && ((doc.fields?.length ?? 0) > 0 || (doc.evidence?.length ?? 0) > 0))
      return setDialog({ record, transition: doc });
    const r = await services.runTransition(entity.id, record.id, {
      to,
      transitionId: option.id,
      version: record.version,
      fields: {},
      evidence: {},
    });
    if (r.ok) return onMoved();
    setRefusal({
      record,
      reasons: r.error.details.length ? r.error.details.map((d) => d.message) : [r.error.message],
    });
  }

  return { attempt, refusal, dismiss: () => setRefusal(null), dialog, closeDialog: () => setDialog(null) };
}
