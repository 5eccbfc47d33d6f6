import type {
  AppRepository,
  AttachmentRepository,
  IdentityRepository,
  RecordImporter,
  RecordRepository,
} from '@stagecraft/store';

/** The repositories an install uses; `imports` and `attachments` are needed for demo data only. */
export interface InstallStore {
  apps: AppRepository;
  records: RecordRepository;
  identity: IdentityRepository;
  imports?: RecordImporter;
  attachments?: AttachmentRepository;
}
