import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { ReminderSettings } from '../../reminder-settings.js';
import { PermanentDeliveryError } from './delivery-errors.js';

export const SIGNATURE_HEADER = 'X-FTZ-Signature';
export const TIMESTAMP_HEADER = 'X-FTZ-Timestamp';
export const DELIVERY_HEADER = 'X-FTZ-Delivery';

/**
 * sha256=HMAC-SHA256(secret, `${timestamp}.${body}`) in hex. The timestamp is signed too, so a
 * receiver can reject replays older than a few minutes.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Statuses a receiver uses for "try again later"; every other 4xx means the request itself is wrong. */
const RETRYABLE_4XX = new Set([408, 425, 429]);

/** Signed JSON POSTs to a department's or the province's group robot (政务钉钉 / 企业微信) or any HTTP receiver. */
@Injectable()
export class WebhookChannel {
  constructor(private readonly settings: ReminderSettings) {}

  async post(url: string, deliveryId: string, payload: object): Promise<void> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw new PermanentDeliveryError(`Webhook 地址无效 / invalid webhook URL: ${url}`);
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new PermanentDeliveryError(`Webhook 地址必须是 http(s) / webhook URL must be http(s): ${url}`);
    const body = JSON.stringify(payload);
    // Wall-clock seconds, not the domain Clock: the receiver checks freshness against its own clock.
    const timestamp = String(Math.floor(Date.now() / 1000));
    const res = await fetch(target, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWebhook(this.settings.webhookSecret, timestamp, body),
        [DELIVERY_HEADER]: deliveryId,
      },
      body,
      signal: AbortSignal.timeout(this.settings.webhookTimeoutMs),
    });
    const answer = (await res.text().catch(() => '')).slice(0, 300);
    if (res.ok) return;
    const message = `HTTP ${res.status} from webhook${answer ? `: ${answer}` : ''}`;
    if (res.status >= 400 && res.status < 500 && !RETRYABLE_4XX.has(res.status)) throw new PermanentDeliveryError(message);
    throw new Error(message);
  }
}
