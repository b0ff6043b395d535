import { createHmac } from "node:crypto";
import test from "ava";
import { verifyWebhookSignature } from "../../provider/events/verify-webhook-signature.js";
import { signWebhookBody } from "../../sandbox/events/webhook-signature.js";

const key = "sigkey-unit-Mn4Bv8Cx2Zl6Kj0H";
const body = '{"message":{"eventId":"e1","events":[{"objectType":"file","objectId":"1","eventType":"CREATED"}]}}';
/** Computed as churros does: `'sha256=' + crypto.createHmac('sha256', key).update(body).digest('base64')`. */
const churrosSignature = (text: string | Buffer, secret = key, algorithm = "sha256") =>
  `${algorithm}=${createHmac(algorithm, secret).update(text).digest("base64")}`;

test("a signature made as the platform makes it verifies, for a string body and for its bytes", (t) => {
  t.true(verifyWebhookSignature(body, churrosSignature(body), key));
  t.true(verifyWebhookSignature(Buffer.from(body), churrosSignature(body), key));
  t.true(verifyWebhookSignature(Buffer.from(body), signWebhookBody(key, Buffer.from(body)), key), "the sandbox agrees");
});

test("a body changed by one byte, or re-serialized, is rejected", (t) => {
  const header = churrosSignature(body);
  t.false(verifyWebhookSignature(body.replace("CREATED", "DELETED"), header, key));
  t.false(verifyWebhookSignature(`${body} `, header, key));
  t.false(verifyWebhookSignature(JSON.stringify(JSON.parse(body), null, 2), header, key));
});

test("a signature made with another key is rejected", (t) => {
  t.false(verifyWebhookSignature(body, churrosSignature(body, "another-key-0123456789"), key));
  t.false(verifyWebhookSignature(body, churrosSignature(body), `${key}x`));
});

test("a missing, empty or malformed header is rejected", (t) => {
  const digest = churrosSignature(body).slice("sha256=".length);
  for (const header of [
    undefined,
    "",
    digest,
    "sha256=",
    `sha256:${digest}`,
    `SHA256=${digest}`,
    `sha256=${digest.slice(0, -2)}`,
    `sha256=${digest}AAAA`,
    `sha256=${digest}, sha256=${digest}`,
    `sha256=${Buffer.from(createHmac("sha256", key).update(body).digest()).toString("hex")}`,
    "sha256=!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!=",
  ]) {
    t.false(verifyWebhookSignature(body, header, key), String(header));
  }
});

test("the pre-2016 sha1= form is rejected even when its HMAC is right", (t) => {
  t.false(verifyWebhookSignature(body, churrosSignature(body, key, "sha1"), key));
});

test("surrounding whitespace in the header is tolerated", (t) => {
  t.true(verifyWebhookSignature(body, ` ${churrosSignature(body)} `, key));
});

test("an empty key is a programming error, not a failed check", (t) => {
  t.throws(() => verifyWebhookSignature(body, churrosSignature(body, "k"), ""), { instanceOf: TypeError });
});
