/** The signed-in user's inbox and tasks. */
import { z } from 'zod';
import { Text } from '../common.js';
import { route } from '../route.js';

/** A notification. */
export const NotificationOut = z.object({
  id: z.number(),
  kind: z.string(),
  appId: z.string().nullable(),
  entityId: z.string().nullable(),
  recordId: z.string().nullable(),
  title: Text,
  message: Text.nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationOut = z.infer<typeof NotificationOut>;

/** A task automations assigned to the user. */
export const TaskOut = z.object({
  appId: z.string(),
  entityId: z.string(),
  recordId: z.string().nullable(),
  title: z.string().nullable(),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  overdue: z.boolean(),
});
export type TaskOut = z.infer<typeof TaskOut>;

/** `GET /api/inbox` */
export const listInbox = route({
  method: 'GET',
  path: '/api/inbox',
  tags: ['inbox'],
  summary: 'My notifications, newest first (`unread=true` for unread only)',
  querystring: z.object({ unread: z.enum(['true', 'false']).optional() }).strict(),
  responses: { 200: z.object({ notifications: z.array(NotificationOut), unread: z.number() }) },
});

/** `GET /api/inbox/count` */
export const inboxCount = route({
  method: 'GET',
  path: '/api/inbox/count',
  tags: ['inbox'],
  summary: 'Unread notifications (the bell)',
  responses: { 200: z.object({ unread: z.number() }) },
});

/** `POST /api/inbox/read` */
export const markRead = route({
  method: 'POST',
  path: '/api/inbox/read',
  tags: ['inbox'],
  summary: 'Mark notifications read: `{ ids }`, or all when ids is omitted',
  body: z.object({ ids: z.array(z.number().int().positive()).max(500).optional() }).strict(),
  responses: { 200: z.object({ marked: z.number(), unread: z.number() }) },
});

/** `GET /api/tasks/mine` */
export const myTasks = route({
  method: 'GET',
  path: '/api/tasks/mine',
  tags: ['inbox'],
  summary: 'Tasks assigned to me by automations, with due dates',
  responses: { 200: z.object({ tasks: z.array(TaskOut) }) },
});
