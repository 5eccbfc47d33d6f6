import { useAutomationText } from './useAutomationText.js';

/** A job's status as a coloured word (done, pending, running, dead). */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useAutomationText();
  const known = ['done', 'pending', 'running', 'dead'].includes(status) ? status : 'unknown';
  return <span className={`auto-badge auto-badge-${known}`}>{t(`status_${known}`)}</span>;
}
