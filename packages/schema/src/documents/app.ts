import { z } from 'zod';
import { Id, LocalizedText } from '../common.js';
import { Approval } from './approval.js';
import { Automation } from './automation.js';
import { Dashboard } from './dashboard.js';
import { Entity } from './entity.js';
import { Form } from './form.js';
import { ForecastSettings, Goal, Scorecard } from './goal.js';
import { Role } from './role.js';
import { StageMachine } from './stage-machine.js';
import { ValidationRule } from './validation-rule.js';
import { View } from './view.js';

/** The newest schema version; `migrateApp` upgrades older documents to it. */
export const CURRENT_SCHEMA_VERSION = 3;

/** An entry of the app's navigation. */
export const NavItem = z
  .object({ id: Id, label: LocalizedText.optional(), view: Id.optional(), dashboard: Id.optional() })
  .strict()
  .meta({ id: 'NavItem', description: 'An entry of the app navigation: a view or a dashboard.' });

/** A whole app: its manifest and every document it is made of. This is what a draft and a version hold. */
export const App = z
  .object({
    kind: z.literal('app').optional(),
    schemaVersion: z.number().int().positive(),
    id: Id,
    label: LocalizedText,
    description: LocalizedText.optional(),
    icon: z.string().optional(),
    settings: z
      .object({
        timeZone: z.string().optional(),
        currency: z.string().length(3).optional(),
        defaultLocale: z.enum(['zh-CN', 'en']).optional(),
      })
      .strict()
      .optional(),
    navigation: z.array(NavItem).optional(),
    entities: z.array(Entity),
    forms: z.array(Form).default([]),
    views: z.array(View).default([]),
    stageMachines: z.array(StageMachine).default([]),
    validationRules: z.array(ValidationRule).default([]),
    dashboards: z.array(Dashboard).default([]),
    automations: z.array(Automation).default([]),
    approvals: z.array(Approval).default([]),
    roles: z.array(Role).default([]),
    /** Targets per period and org unit or rep, tracked against actuals (optional: older apps have none). */
    goals: z.array(Goal).default([]),
    /** Weighted-pipeline settings; their snapshot days drive scheduled snapshots. */
    forecasts: z.array(ForecastSettings).default([]),
    /** KPI scorecards per role, ranked in a leaderboard. */
    scorecards: z.array(Scorecard).default([]),
  })
  .strict()
  .meta({
    id: 'App',
    description:
      'A whole app: its manifest and every document it is made of. This is what a draft and a published version hold.',
  });
/** An app after parsing: every list is present. */
export type App = z.infer<typeof App>;
/** An app as written by hand or sent over the API: lists may be left out. */
export type AppInput = z.input<typeof App>;
