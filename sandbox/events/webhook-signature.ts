import { createHmac } from "node:crypto";

/** The header a signed delivery carries (docs/amplify-api.md §6). */
export const SIGNATURE_HEADER = "Elements-Webhook-Signature";
/** The header every delivery carries; the sandbox puts the notification's `eventId` in it (UNVERIFIED). */
export const WEBHOOK_ID_HEADER = "Elements-Webhook-Id";

/**
 * `sha256=<base64 HMAC-SHA256(key, body)>` over the exact bytes sent, as the platform signs since March 2016
 * (churros: `'sha256=' + crypto.createHmac('sha256', key).update(body).digest('base64')`). The sandbox has its own
 * copy rather than the provider's verifier: it imitates the platform and never imports the provider.
 */
export function signWebhookBody(key: string, body: Buffer): string {
  return `sha256=${createHmac("sha256", key).update(body).digest("base64")}`;
}
