/**
 * Every route of the HTTP API, grouped by resource. The server registers exactly these (a test
 * checks both ways), the OpenAPI document is generated from them, and the web client calls them.
 */

import type { RouteSpec } from './route.js';
import * as approvals from './routes/approvals.js';
import * as apps from './routes/apps.js';
import * as attachments from './routes/attachments.js';
import * as auth from './routes/auth.js';
import * as automation from './routes/automation.js';
import * as dashboards from './routes/dashboards.js';
import * as everyday from './routes/everyday.js';
import * as forecast from './routes/forecast.js';
import * as goals from './routes/goals.js';
import * as health from './routes/health.js';
import * as transfer from './routes/import-export.js';
import * as importJobs from './routes/import-jobs.js';
import * as inbox from './routes/inbox.js';
import * as records from './routes/records.js';
import * as savedViews from './routes/saved-views.js';
import * as templates from './routes/templates.js';
import * as titles from './routes/titles.js';
import * as transitions from './routes/transitions.js';
import * as users from './routes/users.js';

/** The routes by resource and name: `API.records.getRecord`. */
export const API = {
  health: { health: health.health },
  auth: {
    login: auth.login,
    logout: auth.logout,
    me: auth.me,
    createToken: auth.createToken,
    listTokens: auth.listTokens,
    revokeToken: auth.revokeToken,
    listSessions: auth.listSessions,
    endSession: auth.endSession,
    logoutEverywhere: auth.logoutEverywhere,
    changePassword: auth.changePassword,
    updatePreferences: auth.updatePreferences,
  },
  users: {
    listUsers: users.listUsers,
    createUser: users.createUser,
    updateUser: users.updateUser,
    listOrgUnits: users.listOrgUnits,
    createOrgUnit: users.createOrgUnit,
    updateOrgUnit: users.updateOrgUnit,
    resetPassword: users.resetPassword,
    listGrantableRoles: users.listGrantableRoles,
    importUsers: users.importUsers,
  },
  apps: {
    listApps: apps.listApps,
    createApp: apps.createApp,
    getApp: apps.getApp,
    getDraft: apps.getDraft,
    saveDraft: apps.saveDraft,
    publish: apps.publish,
    listVersions: apps.listVersions,
    getPublished: apps.getPublished,
    getVersion: apps.getVersion,
    rollback: apps.rollback,
    diffVersions: apps.diffVersions,
  },
  records: {
    listRecords: records.listRecords,
    queryRecords: records.queryRecords,
    createRecord: records.createRecord,
    getRecord: records.getRecord,
    updateRecord: records.updateRecord,
    deleteRecord: records.deleteRecord,
    aggregateRecords: records.aggregateRecords,
    aggregateRecordsQuery: records.aggregateRecordsQuery,
    recordAudit: records.recordAudit,
    archivedFields: records.archivedFields,
    restoreArchivedField: records.restoreArchivedField,
  },
  titles: { resolveTitles: titles.resolveTitles },
  everyday: {
    relatedRecords: everyday.relatedRecords,
    searchRecords: everyday.searchRecords,
    bulkRecords: everyday.bulkRecords,
  },
  savedViews: {
    listSavedViews: savedViews.listSavedViews,
    createSavedView: savedViews.createSavedView,
    updateSavedView: savedViews.updateSavedView,
    deleteSavedView: savedViews.deleteSavedView,
  },
  transfer: {
    exportRecords: transfer.exportRecords,
    importRecords: transfer.importRecords,
    startImport: importJobs.startImport,
    getImport: importJobs.getImport,
    cancelImport: importJobs.cancelImport,
    commitImport: importJobs.commitImport,
  },
  transitions: {
    listTransitions: transitions.listTransitions,
    runTransition: transitions.runTransition,
    stageHistory: transitions.stageHistory,
  },
  attachments: {
    uploadAttachment: attachments.uploadAttachment,
    getAttachment: attachments.getAttachment,
    attachmentContent: attachments.attachmentContent,
  },
  inbox: {
    listInbox: inbox.listInbox,
    inboxCount: inbox.inboxCount,
    markRead: inbox.markRead,
    myTasks: inbox.myTasks,
  },
  approvals: {
    waitingApprovals: approvals.waitingApprovals,
    recordApprovals: approvals.recordApprovals,
    startApproval: approvals.startApproval,
    decideApproval: approvals.decideApproval,
    recordApprovalState: approvals.recordApprovalState,
  },
  automation: {
    automationRuns: automation.automationRuns,
    automationJobs: automation.automationJobs,
    retryJob: automation.retryJob,
    webhookDeliveries: automation.webhookDeliveries,
  },
  templates: {
    listTemplates: templates.listTemplates,
    templatePreview: templates.templatePreview,
    installTemplate: templates.installTemplate,
  },
  dashboards: {
    listDashboards: dashboards.listDashboards,
    getDashboard: dashboards.getDashboard,
    widgetData: dashboards.widgetData,
    widgetRecordsFilter: dashboards.widgetRecordsFilter,
    previewWidget: dashboards.previewWidget,
  },
  goals: { listGoals: goals.listGoals, splitGoal: goals.splitGoal, goalProgress: goals.goalProgress },
  forecast: {
    listForecasts: forecast.listForecasts,
    runForecast: forecast.runForecast,
    takeSnapshots: forecast.takeSnapshots,
    forecastSnapshots: forecast.forecastSnapshots,
    forecastAccuracy: forecast.forecastAccuracy,
    computeScorecard: forecast.computeScorecard,
  },
} as const satisfies Record<string, Record<string, RouteSpec>>;

/** Every route, flat, for the server's checks and the OpenAPI test. */
export function allRoutes(): RouteSpec[] {
  return Object.values(API).flatMap((group) => Object.values(group) as RouteSpec[]);
}

/** `METHOD path` of a route: the key both the server and the tests look routes up by. */
export function routeKey(route: Pick<RouteSpec, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

/** The contract's route for a method and a fastify path, if it declares one. */
export function findRoute(method: string, path: string): RouteSpec | undefined {
  byKey ??= new Map(allRoutes().map((r) => [routeKey(r), r]));
  return byKey.get(`${method.toUpperCase()} ${path}`);
}
let byKey: Map<string, RouteSpec> | undefined;
