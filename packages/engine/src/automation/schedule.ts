import type { Trigger } from '@stagecraft/schema';
import { Cron } from 'croner';

type ScheduleTrigger = Extract<Trigger, { type: 'schedule' }>;

/**
 * The first scheduled instant strictly after `after`, in the trigger's zone (else the workspace's).
 * Croner only parses here: no timer is started, the runner decides when to look again.
 */
export function nextScheduledRun(
  trigger: ScheduleTrigger,
  after: Date,
  workspaceTimeZone: string,
): Date | null {
  const cron = new Cron(trigger.cron, { timezone: trigger.timeZone ?? workspaceTimeZone, paused: true });
  try {
    return cron.nextRun(after);
  } finally {
    cron.stop();
  }
}

/**
 * Scheduled instants in (after, now], oldest first, at most `limit` (a runner that was down does
 * not replay a month of minutes). Each instant is a firing with its own idempotency key.
 */
export function dueScheduledRuns(
  trigger: ScheduleTrigger,
  after: Date,
  now: Date,
  workspaceTimeZone: string,
  limit = 1,
): Date[] {
  const out: Date[] = [];
  let cursor = after;
  while (out.length < limit) {
    const next = nextScheduledRun(trigger, cursor, workspaceTimeZone);
    if (!next || next.getTime() > now.getTime()) break;
    out.push(next);
    cursor = next;
  }
  return out;
}
