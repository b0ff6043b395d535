import { createHash, createHmac } from "node:crypto";

/** The secret inputs whose last applied value diff must be able to compare. */
export type SecretField = "authorizationCode" | "refreshToken" | "apiSecret" | "signatureKey";

/** Secret input values, by field: what AMPLIFY holds as far as this provider knows. */
export type SecretValues = Partial<Record<SecretField, string>>;

/** Digests of the secret inputs last applied (see secretDigest). */
export type SecretDigests = Partial<Record<SecretField, string>>;

/**
 * The grants: single-use or rotating values Box issues at random (a grant code lives for seconds). Their digests
 * need no key, so they survive a token that rotates: diff must never take a spent grant for a new one.
 */
export const GRANT_FIELDS: readonly SecretField[] = ["authorizationCode", "refreshToken"];

/** Whether the digest of `field` is keyed with the token (the secrets a person may have chosen). */
export const isTokenKeyed = (field: SecretField): boolean => !GRANT_FIELDS.includes(field);

/**
 * The digest state keeps of a signature key that AMPLIFY reports set but that no input of this resource set (a
 * refresh saw it): it matches no value, so diff sends the key the inputs name, or unsets it when they name none.
 */
export const SET_ELSEWHERE = "";

/**
 * Why a digest and not the value: the dynamic provider's diff sees only the old outputs, and AMPLIFY masks secrets,
 * so the outputs must let diff tell a changed secret from an unchanged one without holding it.
 *
 * Why keyed with the instance token: a plain hash of a guessable secret (a signature key a person chose) would let
 * anyone who reads the state file test guesses. The token is a random secret that state holds only encrypted, so the
 * digest can sit in state in clear, 12 characters instead of an encrypted envelope of about 300 bytes. The grants
 * are random and spent (GRANT_FIELDS) and go unkeyed. 72 bits tell a changed value from an unchanged one with room
 * to spare; they are not meant to resist a forger.
 */
export function secretDigest(token: string, field: SecretField, value: string): string {
  const key = isTokenKeyed(field) ? token : "";
  return createHmac("sha256", key).update(`${field}\u0000${value}`).digest("base64url").slice(0, 12);
}

/** The digests of `values` under `token`; without a token, of the grants only (the others need the key). */
export function digestSecrets(token: string, values: SecretValues): SecretDigests {
  const digests: SecretDigests = {};
  for (const [field, value] of Object.entries(values) as Array<[SecretField, string | undefined]>) {
    if (value !== undefined && (token !== "" || !isTokenKeyed(field))) {
      digests[field] = secretDigest(token, field, value);
    }
  }
  return digests;
}

/**
 * What releases before keyed digests stored, as a secret output: an unkeyed SHA-256 prefix per field. State written
 * by them is still compared with it until the resource's next write replaces it with digests.
 */
export type LegacyFingerprints = Partial<Record<SecretField, string>>;

export function legacyFingerprint(secret: string): string {
  return createHash("sha256").update("pulumi-amplify-box/v1\u0000").update(secret).digest("hex").slice(0, 32);
}

/** What state can say about a secret: the recorded one and `value` are the same, differ, or nothing was recorded. */
export type SecretComparison = "same" | "different" | "unrecorded";

/** The recorded side of a comparison: the old outputs' digests (or legacy fingerprints) and their token. */
export interface RecordedSecrets {
  readonly token?: string | undefined;
  readonly secretDigests?: SecretDigests | undefined;
  readonly secretFingerprints?: LegacyFingerprints | undefined;
}

/** Compares `value` with what `recorded` holds for `field`. */
export function compareSecret(recorded: RecordedSecrets, field: SecretField, value: string): SecretComparison {
  const digest = recorded.secretDigests?.[field];
  if (digest !== undefined) {
    return digest === secretDigest(recorded.token ?? "", field, value) ? "same" : "different";
  }
  const legacy = recorded.secretFingerprints?.[field];
  if (legacy !== undefined) {
    return legacy === legacyFingerprint(value) ? "same" : "different";
  }
  return "unrecorded";
}

/** Whether `recorded` holds anything, digest or legacy fingerprint, for `field`. */
export function isRecorded(recorded: RecordedSecrets, field: SecretField): boolean {
  return recorded.secretDigests?.[field] !== undefined || recorded.secretFingerprints?.[field] !== undefined;
}
