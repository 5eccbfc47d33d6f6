import type { App, AppChange, Issue } from '@stagecraft/schema';
import type { TableChange } from '../publish/diff.js';

/** A failed call as the designer shows it: a code, a message and the issues at their paths. */
export interface ServiceError {
  code: string;
  message: string;
  issues: Issue[];
}

/** Either a value or a ServiceError. */
export type ServiceResult<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

/** One published version in the history. */
export interface VersionInfo {
  version: number;
  publishedAt: string;
  publishedBy?: string | null;
  note?: string | null;
}

/**
 * What the designer needs from the server, so the UI knows no URL: the web app implements it over
 * HTTP (draft with revision, dry run, publish, versions, rollback); tests implement it in memory.
 */
export interface DesignerServices {
  loadDraft(): Promise<ServiceResult<{ revision: number; definition: unknown }>>;
  /** Saves when `baseRevision` is still current; a newer one is a DRAFT_CONFLICT error. */
  saveDraft(definition: App, baseRevision: number): Promise<ServiceResult<{ revision: number }>>;
  publishDryRun(): Promise<ServiceResult<TableChange[]>>;
  publish(note?: string): Promise<ServiceResult<{ version: number; changes: TableChange[] }>>;
  published(): Promise<ServiceResult<{ version: number; definition: App } | null>>;
  versions(): Promise<ServiceResult<VersionInfo[]>>;
  rollback(version: number): Promise<ServiceResult<{ version: number; changes: TableChange[] }>>;
  /** What a rollback would do to stored data, before it is confirmed (optional: without it none is shown). */
  rollbackDryRun?(version: number): Promise<ServiceResult<TableChange[]>>;
  /** The element-by-element diff between two published versions (optional: without it no comparison). */
  diffVersions?(from: number, to: number): Promise<ServiceResult<AppChange[]>>;
  /** The workspace's people by name, for picking named approvers (optional: without it none are offered). */
  people?(): Promise<ServiceResult<{ id: string; name: string }[]>>;
}
