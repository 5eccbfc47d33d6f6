import type {
  AppRepository,
  AttachmentRepository,
  AutomationStore,
  IdentityRepository,
  MetricsRepository,
  RecordImporter,
  RecordRepository,
} from '@stagecraft/store';

/** The repositories an install uses; `imports`, `attachments` and `automation` are needed for demo data only. */
export interface InstallStore {
  apps: AppRepository;
  records: RecordRepository;
  identity: IdentityRepository;
  imports?: RecordImporter;
  attachments?: AttachmentRepository;
  /** Starts the demo data's approvals; without it they are skipped. */
  automation?: AutomationStore;
  /** Stores the demo data's past forecast snapshots; without it they are skipped. */
  metrics?: MetricsRepository;
}
