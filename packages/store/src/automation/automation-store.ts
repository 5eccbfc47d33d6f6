/**
 * Everything automations, approvals and the inbox keep in the database, over one connection. The
 * server's runner and routes use it; PostgreSQL and PGlite behave the same.
 */

import { type ApprovalRepository, createApprovalRepository } from '../approvals/approval-repository.js';
import type { RecordRepository } from '../contract.js';
import type { Db, Trx } from '../db.js';
import { createInboxRepository, type InboxRepository } from '../inbox/inbox-repository.js';
import { createJobQueue, type JobQueue } from '../jobs/job-queue.js';
import { createRecordRepository } from '../record/record-repository.js';
import { type AutomationRepository, createAutomationRepository } from './automation-repository.js';

/** The repositories of automations, approvals and the inbox. */
export interface AutomationStore {
  jobs: JobQueue;
  automation: AutomationRepository;
  inbox: InboxRepository;
  approvals: ApprovalRepository;
  /** Runs `work` in one transaction (a job's writes and its completion commit together). */
  transaction<T>(work: (trx: Trx) => Promise<T>): Promise<T>;
  /**
   * The record repository over a transaction of `transaction()`: an action's record write (task,
   * field update, assignment) commits with its job's completion, or not at all. Its methods keep
   * their own all-or-nothing behaviour through a savepoint.
   */
  recordsIn(trx: Trx): RecordRepository;
}

/** Builds the automation store over the store's database. */
export function createAutomationStore(db: Db, newId: () => string): AutomationStore {
  return {
    jobs: createJobQueue(db),
    automation: createAutomationRepository(db),
    inbox: createInboxRepository(db),
    approvals: createApprovalRepository(db, newId),
    transaction: (work) => db.transaction().execute(work),
    recordsIn: (trx) => createRecordRepository(trx, newId),
  };
}
