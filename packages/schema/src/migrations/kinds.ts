/** The kinds of document the definition language has; an app embeds lists of all the others. */
export const DOCUMENT_KINDS = [
  'app',
  'entity',
  'form',
  'view',
  'stageMachine',
  'validationRule',
  'dashboard',
  'automation',
  'approval',
  'role',
  'goal',
  'forecast',
  'scorecard',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Where an app keeps each kind of embedded document. */
export const APP_LISTS = {
  entities: 'entity',
  forms: 'form',
  views: 'view',
  stageMachines: 'stageMachine',
  validationRules: 'validationRule',
  dashboards: 'dashboard',
  automations: 'automation',
  approvals: 'approval',
  roles: 'role',
  goals: 'goal',
  forecasts: 'forecast',
  scorecards: 'scorecard',
} as const satisfies Record<string, Exclude<DocumentKind, 'app'>>;
