import { createHash, timingSafeEqual } from "node:crypto";
import { unauthorized } from "../protocol/api-error.js";

/** The two account secrets every platform call carries (docs/amplify-api.md §2). */
export interface AccountSecrets {
  readonly userSecret: string;
  readonly organizationSecret: string;
}

/**
 * Splits `User <u>, Organization <o>, Element <t>` into its pairs, keyed by the lower-cased type. Order and spacing
 * are not significant (docs/amplify-api.md §2). A pair without a secret, or a type given twice with different secrets,
 * makes the header unusable (`undefined`): the platform cannot know which one was meant.
 */
export function parseAuthorizationHeader(header: string | undefined): Map<string, string> | undefined {
  if (header === undefined || header.trim() === "") {
    return undefined;
  }
  const pairs = new Map<string, string>();
  for (const part of header.split(",")) {
    const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(part);
    if (match?.[1] === undefined || match[2] === undefined) {
      return undefined;
    }
    const type = match[1].toLowerCase();
    const previous = pairs.get(type);
    if (previous !== undefined && previous !== match[2]) {
      return undefined;
    }
    pairs.set(type, match[2]);
  }
  return pairs;
}

/** Who may call what: the account secrets, and which instance (if any) an `Element` token belongs to. */
export interface AuthorizationContext {
  readonly secrets: AccountSecrets;
  /** The id of the live instance holding this token, or `undefined`. */
  readonly instanceIdForToken: (token: string) => number | undefined;
}

/**
 * Throws the platform's 401 unless the header holds the right `User` and `Organization` secrets. An `Element` token
 * is optional on `/instances` calls; when present it must belong to a live instance (a deleted instance's token gets
 * 401, docs/amplify-api.md §3.4) and, on a call about one instance, to that instance.
 */
export function authorize(header: string | undefined, context: AuthorizationContext, instanceId?: number): void {
  const pairs = parseAuthorizationHeader(header);
  if (
    pairs === undefined ||
    !secretMatches(pairs.get("user"), context.secrets.userSecret) ||
    !secretMatches(pairs.get("organization"), context.secrets.organizationSecret)
  ) {
    throw unauthorized();
  }
  const elementToken = pairs.get("element");
  if (elementToken === undefined) {
    return;
  }
  const owner = context.instanceIdForToken(elementToken);
  if (owner === undefined || (instanceId !== undefined && owner !== instanceId)) {
    throw unauthorized();
  }
}

/** Compares digests so that the time taken says nothing about how much of a guessed secret was right. */
function secretMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) {
    return false;
  }
  return timingSafeEqual(digest(given), digest(expected));
}

const digest = (value: string): Buffer => createHash("sha256").update(value).digest();
