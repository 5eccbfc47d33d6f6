/**
 * @stagecraft/demo-kit: what template packs' demo-data generators share with the installer. Pure:
 * no I/O, no clock, no dependencies, so a generator stays deterministic.
 */
export type {
  /** An approval started on a demo record, so a sign-off can be completed on a fresh start. */
  DemoApprovalStart,
  /** Everything one `generateDemo` call produces. */
  DemoData,
  /** The rows of one entity, produced lazily, with their stage history. */
  DemoEntityData,
  /** A file (photo, scan) that image and attachment fields refer to by key. */
  DemoFile,
  /** A row of a past forecast snapshot, so accuracy per rep has history on a fresh start. */
  DemoForecastSnapshot,
  /** Seed, scale and "now" of a data set. */
  DemoOptions,
  /** An org unit, by key. */
  DemoOrgUnit,
  /** One record, with its owner's key and its times. */
  DemoRecord,
  /** One row of stage history. */
  DemoStageMove,
  /** A user with roles, org unit and manager, by key. */
  DemoUser,
  /** A pack's entry point. */
  GenerateDemo,
} from './demo-data.js';
export type {
  /** The shape and words of a pack's demo company. */
  OrganisationSpec,
} from './organisation.js';
export {
  /** Regions × teams × reps with managers and keys every pack shares. */
  demoOrganisation,
} from './organisation.js';
export {
  /** The key of one owner's copy of a demo file, for the records that owner holds. */
  ownedFileKey,
  /** Copies of demo files per owner, so access to a file follows its owner's records. */
  ownedFiles,
} from './owned-files.js';
export {
  /** A demo photo as a file, so packs ship no binaries. */
  pngFile,
  /** The PNG bytes themselves, for a pack that needs them elsewhere. */
  tinyPng,
} from './png.js';
export {
  /** Calendar dates as users in China see them (UTC+8). */
  chinaDate,
  /** Milliseconds in a day, for history spread over months. */
  DAY,
  /** A stable 32-bit hash, to derive seeds and pick deterministically. */
  hash32,
  /** ISO-8601 UTC text of a time, as the API stores datetimes. */
  iso,
  /** A per-row seeded generator, so a row is the same whatever the scale. */
  Rng,
  /** Collision-free UUID-shaped ids of a stream's rows, for references between entities. */
  rowId,
} from './random.js';
