import { randomBytes } from "node:crypto";
import { MASKED_VALUE } from "../client/instance-types.js";
import type { BoxInstanceInputs } from "./box-instance-state.js";
import { MANAGED_CONFIGURATION_KEYS } from "./configuration-keys.js";
import { isOwnershipTag } from "./ownership-tag.js";

/** What `check` reports: the property path in the resource's inputs, and why it is wrong. */
export interface InputFailure {
  readonly property: string;
  readonly reason: string;
}

/**
 * The value the engine sends for an input not known until apply time (`unknownValue` in @pulumi/pulumi's runtime/rpc.js). Such values are
 * validated when they become known, at `up`.
 */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

// An array, not a Set: Pulumi's serializer writes a captured Set as an empty look-alike, should this module ever be
// serialized by value into a dynamic provider.
const TOP_LEVEL_INPUTS: readonly string[] = [
  "name",
  "autoNamePrefix",
  "ownershipTag",
  "authorizationCode",
  "refreshToken",
  "oauth",
  "events",
  "tags",
  "configuration",
  "adoptInstanceId",
  "__provider",
];
const SECRET_PASS_THROUGH = /(secret|password|token|key)$/i;
const NAME_MAX_LENGTH = 255;

/**
 * Validates every input without calling the API and returns all failures at once, each naming its property.
 * Also settles the defaults (`events.enabled`, the auto-generated `name`) so that they show in the plan.
 */
export function checkInputs(
  news: Record<string, unknown>,
  olds: Record<string, unknown> = {},
): { inputs: BoxInstanceInputs; failures: InputFailure[] } {
  const failures: InputFailure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });

  for (const [key, value] of Object.entries(news)) {
    if (value !== undefined && !TOP_LEVEL_INPUTS.includes(key)) {
      fail(key, `unknown input; the inputs are ${[...TOP_LEVEL_INPUTS].filter((k) => !k.startsWith("__")).join(", ")}`);
    }
  }

  const inputs = { ...news } as Record<string, unknown>;
  checkName(inputs, olds, fail);

  const adopting = news.adoptInstanceId !== undefined;
  if (news.adoptInstanceId !== undefined && !isUnknown(news.adoptInstanceId)) {
    if (typeof news.adoptInstanceId !== "string" || !/^\d+$/.test(news.adoptInstanceId)) {
      fail("adoptInstanceId", 'must be the decimal id of an existing instance, e.g. "427236"');
    }
  }

  if (news.authorizationCode === undefined && news.refreshToken === undefined) {
    if (!adopting) {
      fail(
        "authorizationCode",
        "is required to create an instance: the OAuth grant code from Box (single use), unless refreshToken provisions with an existing Box refresh token or adoptInstanceId takes over an existing instance",
      );
    }
  } else if (news.authorizationCode !== undefined && news.refreshToken !== undefined) {
    fail("refreshToken", "cannot be set together with authorizationCode: choose one way to authorize");
  } else if (news.authorizationCode !== undefined) {
    requireNonEmptyString(news.authorizationCode, "authorizationCode", fail);
  } else {
    requireNonEmptyString(news.refreshToken, "refreshToken", fail, "an existing Box OAuth refresh token");
  }

  checkOAuth(news.oauth, fail);
  const events = checkEvents(news.events, fail);
  if (events !== undefined) {
    // Never set a key to undefined: the host's Struct.fromJavaScript rejects it.
    inputs.events = events;
  }
  checkTags(news.tags, fail);
  checkConfiguration(news.configuration, fail);
  return { inputs: inputs as unknown as BoxInstanceInputs, failures };
}

type Fail = (property: string, reason: string) => void;

const DEFAULT_NAME_SUFFIX_LENGTH = 7;

/**
 * Whether `name` is one `check` could have generated for `prefix`. One default name is as good as another: an
 * instance taken over after an interrupted run keeps the default name it was created with instead of being renamed
 * to the one the new run drew.
 */
export function isDefaultName(name: unknown, prefix: unknown): boolean {
  if (typeof name !== "string" || typeof prefix !== "string" || prefix === "") {
    return false;
  }
  const suffix = name.slice(prefix.length + 1);
  return name.startsWith(`${prefix}-`) && suffix.length === DEFAULT_NAME_SUFFIX_LENGTH && /^[0-9a-f]+$/.test(suffix);
}

function checkName(inputs: Record<string, unknown>, olds: Record<string, unknown>, fail: Fail): void {
  const name = inputs.name;
  if (name === undefined) {
    // Auto-naming as Pulumi providers do it: keep the name chosen at the first check, so plans stay stable.
    if (typeof olds.name === "string" && olds.name !== "") {
      inputs.name = olds.name;
    } else if (typeof inputs.autoNamePrefix === "string" && inputs.autoNamePrefix !== "") {
      inputs.name = `${inputs.autoNamePrefix}-${randomBytes(4).toString("hex").slice(0, DEFAULT_NAME_SUFFIX_LENGTH)}`;
    } else {
      fail("name", "is required when the resource has no logical name to derive one from");
    }
    return;
  }
  if (isUnknown(name)) {
    return;
  }
  if (typeof name !== "string" || name.trim() === "") {
    fail("name", "must be a non-empty string");
  } else if (name.length > NAME_MAX_LENGTH) {
    fail("name", `must be at most ${NAME_MAX_LENGTH} characters; it has ${name.length}`);
  } else if (/<[^>]*>/.test(name)) {
    // AMPLIFY strips markup from names (docs/amplify-api.md §3.1): the stored name would never match, a permanent diff.
    fail("name", "must not contain HTML markup: AMPLIFY strips it, so the name would never match");
  }
}

function checkOAuth(oauth: unknown, fail: Fail): void {
  if (isUnknown(oauth)) {
    return;
  }
  if (oauth === undefined || oauth === null || typeof oauth !== "object" || Array.isArray(oauth)) {
    fail("oauth", "is required: { apiKey, apiSecret, callbackUrl } of the Box OAuth app");
    return;
  }
  const record = oauth as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!["apiKey", "apiSecret", "callbackUrl"].includes(key)) {
      fail(`oauth.${key}`, "unknown property; oauth takes apiKey, apiSecret, callbackUrl");
    }
  }
  requireNonEmptyString(record.apiKey, "oauth.apiKey", fail, "the Client ID of the Box app");
  requireNonEmptyString(record.apiSecret, "oauth.apiSecret", fail, "the Client Secret of the Box app");
  requireHttpUrl(record.callbackUrl, "oauth.callbackUrl", fail, "the redirect URI registered in the Box app");
}

function checkEvents(events: unknown, fail: Fail): unknown {
  if (events === undefined || isUnknown(events)) {
    return events;
  }
  if (events === null || typeof events !== "object" || Array.isArray(events)) {
    fail("events", "must be an object: { enabled, callbackUrl, signatureKey }");
    return events;
  }
  const record = { ...(events as Record<string, unknown>) };
  for (const key of Object.keys(record)) {
    if (!["enabled", "callbackUrl", "signatureKey"].includes(key)) {
      fail(`events.${key}`, "unknown property; events takes enabled, callbackUrl, signatureKey");
    }
  }
  if (record.enabled === undefined) {
    record.enabled = false;
  } else if (typeof record.enabled !== "boolean" && !isUnknown(record.enabled)) {
    fail("events.enabled", "must be true or false");
  }
  if (record.callbackUrl === undefined) {
    if (record.enabled === true) {
      fail("events.callbackUrl", "is required when events are enabled: the http(s) URL AMPLIFY posts events to");
    }
  } else {
    requireHttpUrl(record.callbackUrl, "events.callbackUrl", fail, "the URL AMPLIFY posts events to");
  }
  if (record.signatureKey !== undefined) {
    requireNonEmptyString(record.signatureKey, "events.signatureKey", fail);
  }
  return record;
}

function checkTags(tags: unknown, fail: Fail): void {
  if (tags === undefined || isUnknown(tags)) {
    return;
  }
  if (!Array.isArray(tags)) {
    fail("tags", "must be a list of strings");
    return;
  }
  const seen = new Set<string>();
  tags.forEach((tag, index) => {
    if (isUnknown(tag)) {
      return;
    }
    if (typeof tag !== "string" || tag.trim() === "") {
      fail(`tags[${index}]`, "must be a non-empty string");
    } else if (isOwnershipTag(tag)) {
      fail(`tags[${index}]`, 'must not start with "pulumi:": that prefix marks the owning Pulumi resource');
    } else if (seen.has(tag)) {
      fail(`tags[${index}]`, `repeats "${tag}"`);
    } else {
      seen.add(tag);
    }
  });
}

function checkConfiguration(configuration: unknown, fail: Fail): void {
  if (configuration === undefined || isUnknown(configuration)) {
    return;
  }
  if (configuration === null || typeof configuration !== "object" || Array.isArray(configuration)) {
    fail("configuration", "must be a map of configuration keys to strings, numbers or booleans");
    return;
  }
  for (const [key, value] of Object.entries(configuration)) {
    const property = `configuration["${key}"]`;
    const owner = MANAGED_CONFIGURATION_KEYS[key];
    if (owner !== undefined) {
      fail(property, `is managed by ${owner}; set it there instead`);
    } else if (SECRET_PASS_THROUGH.test(key)) {
      fail(property, "looks like a secret; pass-through configuration is stored in clear, so it is refused");
    } else if (!["string", "number", "boolean"].includes(typeof value)) {
      fail(property, "must be a string, number or boolean");
    } else if (value === MASKED_VALUE) {
      fail(property, MASKED_VALUE_REASON);
    }
  }
}

function requireNonEmptyString(value: unknown, property: string, fail: Fail, what?: string): void {
  if (isUnknown(value)) {
    return;
  }
  if (typeof value !== "string" || value.trim() === "") {
    fail(property, `is required: a non-empty string${what === undefined ? "" : ` (${what})`}`);
  } else if (value === MASKED_VALUE) {
    fail(property, MASKED_VALUE_REASON);
  }
}

/** Why `"********"` is refused as a value: sent to AMPLIFY, it would never be stored. */
const MASKED_VALUE_REASON =
  'must not be "********": AMPLIFY answers that in place of a masked value and reads it back as "leave unchanged", ' +
  "so it would never be set; give the real value (a secret through pulumi config set --secret)";

function requireHttpUrl(value: unknown, property: string, fail: Fail, what: string): void {
  if (isUnknown(value)) {
    return;
  }
  if (typeof value !== "string" || value.trim() === "") {
    fail(property, `is required: an http(s) URL (${what})`);
    return;
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    fail(property, `must be an http(s) URL (${what}); got "${value}"`);
  }
}

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_VALUE;
}
