/** @stagecraft/designer: a headless core over app documents plus the React designer on top of it. */

/** One edit as a named pure step, so undo, redo and conflict replay treat every edit alike. */
export type { Command } from './core/command.js';
/** Builds commands (and one-undo-step batches) outside the built-in operations. */
export { batch, command } from './core/command.js';
/** What the UI renders from; exported for hosts and tests that drive the core directly. */
export type { DesignerState } from './core/designer-core.js';
/** The headless designer: document, revision, undo/redo, rebase after a draft conflict. */
export { DesignerCore } from './core/designer-core.js';
/** Drafts may be incomplete; every list present is all the designer assumes. */
export { normalizeDraft } from './core/normalize.js';
/** Immutable path edits, for hosts writing their own commands. */
export { getIn, pointerToPath, setIn, updateIn } from './core/path-edit.js';
/** The designer's texts as i18next resources, for hosts that add them to their own instance up front. */
export { designerMessages, type MessageKey } from './i18n/messages.js';
/** Registers the designer's texts in an i18next instance and reads them in one locale. */
export { addDesignerMessages, designerT } from './i18n/use-designer-t.js';
/** Approval edits: definitions, threshold, guarded moves, steps, parallel branches and their approvers. */
export {
  addApproval,
  addApprovalBranch,
  addApprovalStep,
  removeApproval,
  removeApprovalBranch,
  removeApprovalStep,
  updateApproval,
  updateApprovalBranch,
} from './ops/approval-ops.js';
/** Automation edits: trigger, condition and action pickers that always keep the document valid. */
export {
  ACTION_TYPES,
  type ActionDraft,
  addAutomation,
  addAutomationAction,
  defaultAction,
  defaultTrigger,
  removeAutomation,
  removeAutomationAction,
  TRIGGER_TYPES,
  triggerTypesFor,
  updateAutomation,
  updateAutomationAction,
} from './ops/automation-ops.js';
/** Dashboard edits as commands, replayable on a newer draft after a conflict. */
export {
  addDashboardWidget,
  dashboardOf,
  moveDashboardWidget,
  removeDashboardWidget,
} from './ops/dashboard-ops.js';
/** Entity and field edits (palette types, properties, removal that also clears forms and views). */
export {
  addEntity,
  addField,
  fieldTypeLabel,
  newField,
  removeField,
  updateEntity,
  updateField,
} from './ops/entity-ops.js';
/**
 * Form edits: drop a palette type, move and remove items, sections and columns, item conditions and
 * widgets (with the widgets that fit a field type).
 */
export {
  addForm,
  addFormItem,
  addSection,
  dropNewField,
  moveFormItem,
  removeFormItem,
  removeSection,
  updateFormItem,
  updateSection,
  widgetsFor,
} from './ops/form-ops.js';
/** Roles grid edits: custom roles, per-entity rights and record scope, per-field access. */
export {
  addRole,
  CRUD,
  type Crud,
  type FieldAccessChoice,
  permissionOf,
  removeRole,
  renameRole,
  setFieldAccess,
  setRight,
  setScope,
} from './ops/role-ops.js';
/** Stage machine edits: stages, order, transitions with criteria, fields and evidence. */
export {
  addStage,
  addStageMachine,
  addTransition,
  moveStage,
  newCriterion,
  removeStage,
  removeTransition,
  updateStage,
  updateTransition,
} from './ops/stage-ops.js';
/** Validation-rule edits and the JSON editor's whole-document and at-path replacements. */
export {
  addValidationRule,
  removeValidationRule,
  replaceDocument,
  setAt,
  updateValidationRule,
} from './ops/validation-rule-ops.js';
export { addListView, columnsFor, updateView } from './ops/view-ops.js';
/** The publish diff's shapes, for hosts that show it elsewhere. */
export type { AppDiff, FieldChange, TableChange } from './publish/diff.js';
/** What changes between the published version and the draft, before publishing. */
export { diffApps, isEmptyDiff } from './publish/diff.js';
/** Places a JSON pointer in JSON text, so markers land on the exact spot. */
export { lineColumn, locatePointer } from './publish/json-locate.js';
/** A problem and the element it links to. */
export type { Problem, Target } from './publish/problems.js';
/** Every publish issue of a draft linked to its element, for the problems panel. */
export { problemsOf, targetOf } from './publish/problems.js';
/** The rule builder's tree, for hosts and tests. */
export type { Operator, RuleNode } from './rules/rule-tree.js';
/** Visual rule tree ↔ JSON Logic, lossless for what the builder cannot show. */
export { operatorsFor, ruleToTree, simplify, treeToRule, updateNode } from './rules/rule-tree.js';
/** Props of the dashboard designer. */
export type { DashboardDesignerProps } from './ui/DashboardDesigner.js';
/** One dashboard of the draft on a DesignerCore: undo/redo, autosave, conflict handling, publish. */
export { DashboardDesigner } from './ui/DashboardDesigner.js';
/** Props of the designer component. */
export type { DesignerProps } from './ui/Designer.js';
/** The React designer over one draft (the admin area renders it). */
export { Designer } from './ui/Designer.js';
/** The port the host implements (HTTP in the web app). */
export type { DesignerServices, ServiceError, ServiceResult, VersionInfo } from './ui/services.js';
