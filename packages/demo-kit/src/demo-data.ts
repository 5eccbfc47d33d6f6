/**
 * The shape every template's `generateDemo` returns: one contract for the packs that produce it and
 * the server that installs it. The installer still checks a result structurally, since a pack is
 * loaded at run time from outside the server's build. Keys of users and org units are resolved to
 * real ids at install time, in `owner`, in user / org-unit fields, and `parent` / `manager`. Image
 * and attachment fields hold keys of `files`.
 */

export interface DemoOptions {
  /** Same seed, same data. */
  seed?: number;
  /** Rows of the pack's scale entity (the manifest's `demo.scaleEntity`); the rest stays small. */
  scale?: number;
  /** "Now" of the data set: history runs over the six months before it. */
  now: Date | string | number;
}

export interface DemoOrgUnit {
  key: string;
  name: string;
  /** Parent key; null hangs the unit under the workspace's root. */
  parent: string | null;
}

export interface DemoUser {
  key: string;
  email: string;
  name: string;
  roles: string[];
  /** Org-unit key; null means the workspace root. */
  orgUnit: string | null;
  manager: string | null;
  password: string;
  locale: 'zh-CN' | 'en';
}

export interface DemoRecord {
  id: string;
  /** User key of the owner; the record's org unit is the owner's. */
  owner: string;
  createdAt: string;
  updatedAt?: string;
  stage?: string;
  stageEnteredAt?: string;
  values: Record<string, unknown>;
}

export interface DemoStageMove {
  recordId: string;
  transition: string;
  from: string | null;
  to: string;
  at: string;
  /** User key of who moved it. */
  by: string;
  /** When the record entered `from`, so the installer can record the dwell time. */
  since?: string;
}

export interface DemoEntityData {
  entity: string;
  count: number;
  /** Rows are produced lazily, so a million of them never sit in memory at once. */
  records(): Iterable<DemoRecord>;
  stageHistory?(): Iterable<DemoStageMove>;
}

/** An approval the demo starts on one of its records, as a user would have when it entered the stage. */
export interface DemoApprovalStart {
  /** Id of an approval of the app. */
  approval: string;
  recordId: string;
  /** User key of who started it. */
  startedBy: string;
  /** When it was started; approvers find the request in their inbox from then on. */
  at: string;
}

/**
 * One row of a past forecast snapshot: what a forecast said on `takenOn` about one rep's close
 * period, so accuracy per rep has history to show on a fresh start.
 */
export interface DemoForecastSnapshot {
  /** Id of a forecast of the app. */
  forecast: string;
  /** Day taken, `YYYY-MM-DD` (workspace zone). */
  takenOn: string;
  /** First day of the close period, `YYYY-MM-DD`. */
  period: string;
  /** User key of the rep. */
  owner: string;
  category: string;
  deals: number;
  amount: number;
  weighted: number;
}

export interface DemoFile {
  key: string;
  name: string;
  mime: string;
  bytes: Uint8Array;
}

export interface DemoData {
  orgUnits: DemoOrgUnit[];
  users: DemoUser[];
  /** In dependency order: referenced entities come first. */
  entities: DemoEntityData[];
  files: DemoFile[];
  /** Approvals started after all records are in, so a flow that needs sign-off can complete. */
  approvals?(): Iterable<DemoApprovalStart>;
  /** Past forecast snapshots, stored after the records so accuracy per rep shows figures. */
  forecastSnapshots?(): Iterable<DemoForecastSnapshot>;
  /** Users worth printing at first start, by role. */
  logins: { role: string; user: string }[];
}

/** A pack's demo-data entry point, named `generateDemo` in the module its manifest points at. */
export type GenerateDemo = (options: DemoOptions) => DemoData;
