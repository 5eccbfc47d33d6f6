import type { App, LocalizedText } from '@stagecraft/schema';
import { SYSTEM_FIELDS } from '@stagecraft/schema';
import type { TFunction } from 'i18next';
import type { AnyField } from '../format/format-value.js';

/**
 * A column's field definition: the entity's own field, or a system field (stage, owner, dates…)
 * described as a field so the registry can display it. The stage becomes a select of the entity's
 * stage-machine stages, so lists show stage labels rather than ids.
 */
export function columnField(app: App, entityId: string, id: string, t: TFunction): AnyField | undefined {
  const own = app.entities.find((e) => e.id === entityId)?.fields.find((f) => f.id === id);
  if (own) return own;
  const type = (SYSTEM_FIELDS as Record<string, string>)[id];
  if (!type) return undefined;
  const label: LocalizedText = {
    en: t(`system.${id}`, { lng: 'en' }),
    'zh-CN': t(`system.${id}`, { lng: 'zh-CN' }),
  };
  const machine = app.stageMachines.find((m) => m.entity === entityId);
  if (id === 'stage' && machine) {
    return {
      id,
      type: 'single_select',
      label,
      options: machine.stages.map((s) => ({ id: s.id, label: s.label })),
    } as AnyField;
  }
  return { id, type, label } as AnyField;
}
