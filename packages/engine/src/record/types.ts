import type { App, Locale, Result } from '@stagecraft/schema';

/** Who writes and when: formulas and validation rules read it (`now`, `today`, the user's roles). */
export interface RecordContext {
  user: { id: string; roles: string[]; orgUnit?: string | null };
  /** Server time of the write; pure code never reads the clock itself. */
  now: Date | string;
  /** Language of the messages. */
  locale: Locale;
  /**
   * Calendar zone of date operators as the caller resolved it (`appTimeZone`: the app's setting, else
   * the workspace's); without it the app's `settings.timeZone`, else the default zone.
   */
  timeZone?: string;
}

/** One record write to check against a published version. */
export interface RecordWrite {
  entityId: string;
  operation: 'create' | 'update';
  /** The payload as received: on create the new record's values, on update only the changed fields. */
  values: unknown;
  /** The stored record on update (flat: system fields and field values). */
  previous?: Record<string, unknown> | null;
  /**
   * System values the stored record will carry that no payload sets (on create: the initial stage
   * and its entry time), so formulas and rules see the record as stored; `previous` stays null.
   */
  system?: Record<string, unknown>;
  /**
   * Whether the write comes from the server itself (an automation, a transition's own fields, the
   * demo installer). Only then may fields marked `readOnly` change: a user's payload may repeat their
   * current value (or, on create, the default) but never set another one.
   */
  trusted?: boolean;
  context: RecordContext;
}

/** Validates record writes of one published app version; entity validators compile on first use. */
export interface RecordValidator {
  readonly app: App;
  /** Normalized values to hand to the store: checked fields plus computed formulas. */
  validate(write: RecordWrite): Result<Record<string, unknown>>;
}
