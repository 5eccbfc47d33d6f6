/**
 * Notification emails. A notify action enqueues one `notification.email` job per recipient whose
 * preference allows email, in the transaction that also fills their inbox (so a retried action never
 * mails twice); the job sends through SMTP (`SMTP_URL`, nodemailer). Without SMTP nothing is enqueued,
 * sent or failed. Sending is at-least-once, like webhooks: a crash between send and completion resends.
 */
import type { LocalizedText } from '@stagecraft/schema';
import type { JobInput, User } from '@stagecraft/store';
import { createTransport } from 'nodemailer';
import type { Mailer, MailMessage } from './mailer.js';
import type { JobHandler } from './worker-context.js';

/** The job kind of one notification email. */
export const EMAIL_JOB = 'notification.email';

/** A mailer over `SMTP_URL` (e.g. `smtp://user:pass@mail.example.com:587`); undefined without one. */
export function mailerFromUrl(
  url: string | undefined,
  from = 'Stagecraft <no-reply@localhost>',
): Mailer | undefined {
  if (!url) return undefined;
  const transport = createTransport(url);
  return {
    send: async (m) => {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}

/**
 * A notification's title naming its record in both languages (`No contact for 3 days: Acme`), so
 * the inbox and the email say which customer is meant; unchanged when the record has no name.
 */
export function namedTitle(title: LocalizedText, recordName: string | null): LocalizedText {
  if (!recordName) return title;
  const out: LocalizedText = {};
  if (title.en) out.en = `${title.en}: ${recordName}`;
  if (title['zh-CN']) out['zh-CN'] = `${title['zh-CN']}：${recordName}`;
  return out;
}

/** What an email says and links to: the notification's title (naming its record) and text, its page. */
export interface EmailNotice {
  key: string;
  title: LocalizedText;
  message: LocalizedText | null;
  /** The record page, absolute when the server knows its public address (`PUBLIC_URL`). */
  link: string | null;
}

const pick = (text: LocalizedText, locale: 'zh-CN' | 'en') => text[locale] ?? text.en ?? text['zh-CN'] ?? '';

/** The email jobs of one notification: one per recipient with an email who has not turned email off. */
export function emailJobs(workspaceId: string, recipients: readonly User[], notice: EmailNotice): JobInput[] {
  return recipients
    .filter((u) => u.email && !u.disabled && u.emailNotifications !== false)
    .map((u) => {
      const en = u.locale === 'en';
      const subject = pick(notice.title, u.locale);
      const lines = [
        subject,
        notice.message ? pick(notice.message, u.locale) : '',
        notice.link ? `${en ? 'Open' : '打开'}: ${notice.link}` : '',
      ].filter(Boolean);
      const message: MailMessage = { to: u.email, subject, text: `${lines.join('\n\n')}\n` };
      return {
        workspaceId,
        kind: EMAIL_JOB,
        key: `${notice.key}:email:${u.id}`,
        payload: message,
        maxAttempts: 6,
      };
    });
}

/** Sends one email; without a mailer (SMTP removed since it was enqueued) there is nothing to do. */
export const handleEmail: JobHandler = async (deps, run) => {
  if (deps.mailer) await deps.mailer.send(run.job.payload as MailMessage);
  return {};
};
