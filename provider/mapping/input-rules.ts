import { MASKED_VALUE } from "../client/instance-types.js";
import { CONFIGURATION_KEY_OWNERS, type OwnerNaming } from "./configuration-keys.js";
import { isOwnershipTag, OWNERSHIP_TAG_PREFIX } from "./ownership-tag.js";

/**
 * The rules every input follows, written once. The desired-state loader (which adds file:line:column) and the
 * provider's `check` (which adds the property path) both call these and report their words unchanged. The JSON
 * Schema of the file is tested against the same constants (test/desired-state/schema.test.ts).
 *
 * Each rule returns `undefined` when the value passes, or the problem. `got` describes the value in the words of
 * `describeValue`; the loader passes its own description of a YAML node, in the same words.
 */

/** The fields of `oauth` and of `events`, in the resource and in the desired-state file alike. */
export const OAUTH_KEYS = ["apiKey", "apiSecret", "callbackUrl"] as const;
export const EVENTS_KEYS = ["enabled", "callbackUrl", "signatureKey"] as const;

/** AMPLIFY keeps names of up to 255 characters. */
export const NAME_MAX_LENGTH = 255;

/** A decimal instance id (`adopt`, `adoptInstanceId`): `007` keeps its digits, `0x1A` and `4.2e5` are not ids. */
export const INSTANCE_ID_PATTERN = /^[0-9]+$/;

/** Pass-through configuration is stored in clear in state, so keys that look like they hold a secret are refused. */
export const SECRET_LOOKING_CONFIGURATION_KEY = /(secret|password|token|key)$/i;

/** What each typed field is for, in every message about it. */
export const PURPOSE = {
  apiKey: "the Client ID of the Box app",
  apiSecret: "the Client Secret of the Box app",
  callbackUrl: "the redirect URI registered in the Box app",
  eventsCallbackUrl: "the URL AMPLIFY posts events to",
  refreshToken: "an existing Box OAuth refresh token",
} as const;

/** A value as the messages name it: `an empty string`, `a blank string`, `a number`, `a mapping`, ... */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) {
    return "an empty value";
  }
  if (Array.isArray(value)) {
    return "a list";
  }
  switch (typeof value) {
    case "string":
      return value === "" ? "an empty string" : value.trim() === "" ? "a blank string" : "a string";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    case "object":
      return "a mapping";
    default:
      return `a ${typeof value}`;
  }
}

/** Why `"********"` is refused as a value: AMPLIFY answers it in place of a masked value and never stores it. */
export const MASKED_VALUE_PROBLEM =
  'must not be "********": AMPLIFY answers that in place of a masked value and reads it back as "leave unchanged", ' +
  "so it would never be set; give the real value (a secret through pulumi config set --secret)";

/** A non-empty string; `what` says what it is for. */
export function nonEmptyStringProblem(value: unknown, what?: string, got = describeValue(value)): string | undefined {
  if (typeof value !== "string" || value.trim() === "") {
    return `must be a non-empty string${what === undefined ? "" : ` (${what})`}; got ${got}`;
  }
  return value === MASKED_VALUE ? MASKED_VALUE_PROBLEM : undefined;
}

/** The AMPLIFY name: non-empty, at most 255 characters, no HTML (AMPLIFY strips it, so it would never match). */
export function nameProblem(value: unknown, got = describeValue(value)): string | undefined {
  const problem = nonEmptyStringProblem(value, undefined, got);
  if (problem !== undefined) {
    return problem;
  }
  const name = value as string;
  if (name.length > NAME_MAX_LENGTH) {
    return `must be at most ${NAME_MAX_LENGTH} characters; it has ${name.length}`;
  }
  return /<[^>]*>/.test(name)
    ? "must not contain HTML markup: AMPLIFY strips it, so the name would never match"
    : undefined;
}

/** An absolute http or https URL. The value is never repeated: URLs can carry credentials. */
export function httpUrlProblem(value: unknown, what: string, got = describeValue(value)): string | undefined {
  if (typeof value !== "string" || value.trim() === "") {
    return `must be an http(s) URL (${what}); got ${got}`;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be an http(s) URL (${what}); got text that is not a URL`;
  }
  return url.protocol === "http:" || url.protocol === "https:"
    ? undefined
    : `must be an http(s) URL (${what}); got a URL with the scheme ${url.protocol}`;
}

export function booleanProblem(value: unknown, got = describeValue(value)): string | undefined {
  return typeof value === "boolean" ? undefined : `must be true or false; got ${got}`;
}

/** One tag of a list, given the tags before it. */
export function tagProblem(tag: unknown, earlier: readonly string[], got = describeValue(tag)): string | undefined {
  if (typeof tag !== "string" || tag.trim() === "") {
    return `must be a non-empty string; got ${got}`;
  }
  if (isOwnershipTag(tag)) {
    return `must not start with "${OWNERSHIP_TAG_PREFIX}": that prefix marks the owning Pulumi resource`;
  }
  return earlier.includes(tag) ? `repeats "${tag}"` : undefined;
}

/** A pass-through configuration key; `naming` says how to name the typed field that owns a managed key. */
export function configurationKeyProblem(key: string, naming: OwnerNaming): string | undefined {
  if (key.trim() === "") {
    return "configuration keys must not be empty";
  }
  const owner = CONFIGURATION_KEY_OWNERS[key];
  if (owner !== undefined) {
    return `is managed by ${owner[naming]}; set it there instead`;
  }
  return SECRET_LOOKING_CONFIGURATION_KEY.test(key)
    ? "looks like a secret; pass-through configuration is stored in clear, so it is refused"
    : undefined;
}

export function configurationValueProblem(value: unknown, got = describeValue(value)): string | undefined {
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
    return `must be a string, number or boolean; got ${got}`;
  }
  return value === MASKED_VALUE ? MASKED_VALUE_PROBLEM : undefined;
}

/** An instance id as its digits without leading zeros: `adopt: 007` and instance 7 are one instance. */
export const canonicalInstanceId = (id: string): string => id.replace(/^0+(?=\d)/, "");

/** The id of an instance to adopt, as its decimal digits. */
export function adoptIdProblem(text: unknown): string | undefined {
  return typeof text === "string" && INSTANCE_ID_PATTERN.test(text)
    ? undefined
    : 'must be the decimal id of an existing instance, e.g. "427236"';
}
