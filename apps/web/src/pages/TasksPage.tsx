import { useEffect, useState } from 'react';
import { inboxApi, type MyTask, recordLink } from './InboxApi.js';
import { ITEM, LIST, useInboxText } from './InboxTexts.js';

/** "My tasks": tasks automations assigned to me, soonest due first, overdue ones marked. */
export function TasksPage() {
  const { t, locale } = useInboxText();
  const [tasks, setTasks] = useState<MyTask[] | null>(null);
  useEffect(() => {
    void inboxApi.tasks().then((r) => setTasks(r.ok ? r.value.tasks : []));
  }, []);
  const when = (iso: string) => new Date(iso).toLocaleString(locale);
  return (
    <section aria-labelledby="tasks-title">
      <h1 id="tasks-title">{t('tasks')}</h1>
      {tasks === null ? null : tasks.length === 0 ? (
        <p className="sc-muted">{t('noTasks')}</p>
      ) : (
        <ul className="inbox-list" style={LIST}>
          {tasks.map((task) => {
            const link = recordLink(task.appId, task.entityId, task.recordId);
            return (
              <li key={`${task.entityId}:${task.recordId}`} className="sc-card inbox-item" style={ITEM}>
                {link ? <a href={link}>{task.title}</a> : <span>{task.title}</span>}
                {task.dueAt && (
                  <span className={task.overdue ? 'inbox-overdue' : 'sc-muted'}>
                    {' '}
                    · {t('due')} {when(task.dueAt)}
                    {task.overdue ? ` (${t('overdue')})` : ''}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
