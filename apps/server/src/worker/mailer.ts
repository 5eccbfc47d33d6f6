/** The mail port of the worker: what sends an email, apart from how (nodemailer in email.ts). */

/** One email as the job carries it. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends emails; the runner gets one only when SMTP is configured. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
