import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { ReminderSettings } from '../../reminder-settings.js';
import { PermanentDeliveryError } from './delivery-errors.js';

export interface EmailMessage {
  /** The delivery's id: every attempt of one delivery carries the same Message-ID. */
  deliveryId: string;
  to: string;
  subject: string;
  text: string;
  link: string | null;
}

// Deliberately simple: it catches typos (missing @, spaces, a name instead of an address); the server judges the rest.
const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export function isEmailAddress(value: string): boolean {
  return ADDRESS.test(value);
}

/**
 * The same Message-ID on every attempt of one delivery, so a mailbox or a receiving system can drop the copy a
 * retried attempt sends (delivery is at least once). Its domain is the product's own host, as RFC 5322 asks.
 */
export function deliveryMessageId(deliveryId: string, publicUrl: string): string {
  let host = 'localhost';
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    /* PUBLIC_URL is validated at boot; a test may pass anything */
  }
  return `<delivery.${deliveryId}@${host}>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The HTML part: the same lines as the text part, with URLs as links and the task link as a button. */
export function emailHtml(text: string, link: string | null): string {
  const lines = text.split('\n').map((line) => escapeHtml(line).replace(/(https?:\/\/[^\s<（）]+)/g, '<a href="$1">$1</a>'));
  const button = link ? `<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:8px 16px;background:#b71c1c;color:#fff;text-decoration:none;border-radius:4px">查看任务</a></p>` : '';
  return `<!doctype html><html lang="zh-CN"><body style="font-family:'Microsoft YaHei',sans-serif;line-height:1.6"><h3>${lines[0] ?? ''}</h3><p>${lines.slice(1).join('<br>')}</p>${button}</body></html>`;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
}

/** Email over SMTP (nodemailer). SMTP 5xx answers and rejected envelopes are permanent; connection trouble is retried. */
@Injectable()
export class EmailChannel implements OnModuleDestroy {
  private transport: Transporter | null = null;

  constructor(private readonly settings: ReminderSettings) {}

  get enabled(): boolean {
    return this.settings.smtp.host !== null;
  }

  private transporter(): Transporter {
    const s = this.settings.smtp;
    this.transport ??= nodemailer.createTransport({
      host: s.host!,
      port: s.port,
      secure: s.secure,
      auth: s.user ? { user: s.user, pass: s.pass ?? '' } : undefined,
      pool: true,
      maxConnections: 5,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    return this.transport;
  }

  async send(message: EmailMessage): Promise<void> {
    if (!isEmailAddress(message.to)) throw new PermanentDeliveryError(`邮箱地址无效 / invalid email address: ${message.to}`);
    try {
      await this.transporter().sendMail({
        from: this.settings.smtp.from,
        to: message.to,
        messageId: deliveryMessageId(message.deliveryId, this.settings.publicUrl),
        subject: message.subject,
        text: message.text,
        html: emailHtml(message.text, message.link),
      });
    } catch (e) {
      const err = e as SmtpError;
      const permanent = err.code === 'EENVELOPE' || (typeof err.responseCode === 'number' && err.responseCode >= 500);
      if (permanent) throw new PermanentDeliveryError(`SMTP ${err.responseCode ?? err.code}: ${(e as Error).message}`);
      throw e;
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
