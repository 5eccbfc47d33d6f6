import type { Migration } from './migration.js';
import { runStatements } from './statements.js';

/**
 * Forecast snapshots: the weighted pipeline of one forecast document as it stood on a day, per
 * close period, rep and forecast category, so accuracy per rep (what was forecast against what
 * closed) can be shown later. Taking a snapshot again on the same day replaces that day's rows.
 * `owner_id` and `category` are '' when the deal had none, so the key stays unique.
 */
export const migration: Migration = {
  up: (db) =>
    runStatements(db, [
      `create table forecast_snapshots (
        id bigserial primary key,
        workspace_id text not null,
        app_no integer not null references apps(no),
        forecast_id text not null,
        taken_on date not null,
        taken_at timestamptz not null,
        taken_by text,
        period date not null,
        owner_id text not null default '',
        category text not null default '',
        deals double precision not null,
        amount numeric(20,2) not null,
        weighted numeric(20,2) not null,
        unique (app_no, forecast_id, taken_on, period, owner_id, category)
      )`,
      'create index forecast_snapshots_period_idx on forecast_snapshots (app_no, forecast_id, period)',
    ]),
};
