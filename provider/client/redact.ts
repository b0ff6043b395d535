/**
 * The one place where secrets are removed from text that may reach a user, a log or an error message.
 *
 * Two layers, because neither is enough alone: the known secret values of this process (connection secrets,
 * instance tokens, client secrets that passed through) are replaced wherever they appear, and anything shaped
 * like an AMPLIFY credential (an Authorization header pair, a secret configuration entry) is masked even when
 * its value was never registered.
 */
export const REDACTED = "[redacted]";

/** The known secrets of this process: module state, like all of the provider's (see provider-source.ts). */
const known = new Set<string>();
const knownSecrets = (): Set<string> => known;

/** Registers values that must never be shown. Short values are ignored: masking "1" would mangle every number. */
export function registerSecrets(...values: Array<string | undefined | null>): void {
  for (const value of values) {
    if (typeof value === "string" && value.length >= 6) {
      knownSecrets().add(value);
    }
  }
}

const credentialPatterns: ReadonlyArray<[RegExp, string]> = [
  // Authorization header pairs ("User abc, Organization def, Element ghi"), in any order; a value counts when a
  // comma joins it to another pair, so prose such as "Invalid Organization or User secret" stays readable.
  [/\b(User|Organization|Element)\s+[^\s,"']+(?=\s*,\s*(?:User|Organization|Element)\s)/g, `$1 ${REDACTED}`],
  [/(,\s*(?:User|Organization|Element)\s+)[^\s,"']+/g, `$1${REDACTED}`],
  // JSON fields ("key": "value") and query parameters (key=value) that carry secrets; not prose like "token: x".
  [
    /("(?:token|code|refresh_token|access_token|apiSecret|signatureKey|authorizationCode|refreshToken|userSecret|organizationSecret|oauth\.api\.secret|oauth\.user\.token|oauth\.user\.refresh_token|event\.notification\.signature\.key|event\.notification\.basic\.password|client_secret|apiSecret)"\s*:\s*")([^"]*)/gi,
    `$1${REDACTED}`,
  ],
  [/([?&](?:code|token|refresh_token|access_token|apiSecret|client_secret)=)([^&\s"]+)/gi, `$1${REDACTED}`],
];

/** Returns `text` with every known secret and every credential-shaped value replaced by `[redacted]`. */
export function redact(text: string): string {
  let result = text;
  // Longest first, so a secret that contains another is removed whole.
  for (const secret of [...knownSecrets()].sort((a, b) => b.length - a.length)) {
    result = result.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of credentialPatterns) {
    result = result.replace(pattern, replacement);
  }
  return result;
}
