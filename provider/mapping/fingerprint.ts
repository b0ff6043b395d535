import { createHash } from "node:crypto";

/**
 * A one-way digest of a secret input. The platform masks secrets on read and the dynamic provider's diff sees only
 * the old outputs, so outputs keep this digest to tell whether a secret changed. It is stored as a secret output
 * too, so state holds neither the secret nor its digest in clear.
 */
export function fingerprint(secret: string): string {
  return createHash("sha256").update("pulumi-amplify-box/v1\u0000").update(secret).digest("hex").slice(0, 32);
}
