import { createHmac, timingSafeEqual } from "node:crypto";

/** The header AMPLIFY signs webhook deliveries with (docs/amplify-api.md §6). */
export const WEBHOOK_SIGNATURE_HEADER = "elements-webhook-signature";

/** `sha256=` and the base64 of a 32-byte digest: 43 characters and one `=`. */
const SIGNATURE_FORMAT = /^sha256=([A-Za-z0-9+/]{43}=)$/;

/**
 * Whether `header` (the `Elements-Webhook-Signature` of a delivery) is the platform's signature of `rawBody` under
 * `key`: `sha256=<base64 HMAC-SHA256(key, raw body bytes)>` (docs/amplify-api.md §6).
 *
 * Pass the body exactly as it arrived, before any JSON parsing: re-serialized JSON is not the bytes that were
 * signed. A missing or malformed header is `false`, and so is the pre-2016 `sha1=` form, so that a downgraded
 * signature is never accepted. The digests are compared in constant time.
 *
 * @throws TypeError when `key` is empty: an empty key signs nothing, and accepting with it would accept anyone.
 */
export function verifyWebhookSignature(rawBody: Buffer | string, header: string | undefined, key: string): boolean {
  if (typeof key !== "string" || key === "") {
    throw new TypeError("verifyWebhookSignature needs the instance's signature key (a non-empty string)");
  }
  const match = typeof header === "string" ? SIGNATURE_FORMAT.exec(header.trim()) : null;
  if (match?.[1] === undefined) {
    return false;
  }
  const given = Buffer.from(match[1], "base64");
  const expected = createHmac("sha256", key)
    .update(typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody)
    .digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
