import { randomBytes } from "node:crypto";
import type { BoxInstanceInputs } from "./box-instance-state.js";
import {
  adoptIdProblem,
  booleanProblem,
  configurationKeyProblem,
  configurationValueProblem,
  EVENTS_KEYS,
  httpUrlProblem,
  nameProblem,
  nonEmptyStringProblem,
  OAUTH_KEYS,
  PURPOSE,
  tagProblem,
} from "./input-rules.js";

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
/**
 * Validates every input without calling the API and returns all failures at once, each naming its property. The
 * rules and their words are input-rules.ts, which the desired-state loader uses too.
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
    report("adoptInstanceId", adoptIdProblem(news.adoptInstanceId), fail);
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
    requireNonEmptyString(news.refreshToken, "refreshToken", fail, PURPOSE.refreshToken);
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
  if (!isUnknown(name)) {
    report("name", nameProblem(name), fail);
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
    if (!(OAUTH_KEYS as readonly string[]).includes(key)) {
      fail(`oauth.${key}`, `unknown property; oauth takes ${OAUTH_KEYS.join(", ")}`);
    }
  }
  requireNonEmptyString(record.apiKey, "oauth.apiKey", fail, PURPOSE.apiKey);
  requireNonEmptyString(record.apiSecret, "oauth.apiSecret", fail, PURPOSE.apiSecret);
  requireHttpUrl(record.callbackUrl, "oauth.callbackUrl", fail, PURPOSE.callbackUrl);
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
    if (!(EVENTS_KEYS as readonly string[]).includes(key)) {
      fail(`events.${key}`, `unknown property; events takes ${EVENTS_KEYS.join(", ")}`);
    }
  }
  if (record.enabled === undefined) {
    record.enabled = false;
  } else if (!isUnknown(record.enabled)) {
    report("events.enabled", booleanProblem(record.enabled), fail);
  }
  if (record.callbackUrl === undefined) {
    if (record.enabled === true) {
      fail("events.callbackUrl", `is required when events are enabled: an http(s) URL (${PURPOSE.eventsCallbackUrl})`);
    }
  } else {
    requireHttpUrl(record.callbackUrl, "events.callbackUrl", fail, PURPOSE.eventsCallbackUrl);
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
  const earlier: string[] = [];
  tags.forEach((tag, index) => {
    if (isUnknown(tag)) {
      return;
    }
    const problem = tagProblem(tag, earlier);
    if (problem === undefined) {
      earlier.push(tag as string);
    } else {
      fail(`tags[${index}]`, problem);
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
    report(
      property,
      configurationKeyProblem(key, "resource") ?? (isUnknown(value) ? undefined : configurationValueProblem(value)),
      fail,
    );
  }
}

function report(property: string, problem: string | undefined, fail: Fail): void {
  if (problem !== undefined) {
    fail(property, problem);
  }
}

function requireNonEmptyString(value: unknown, property: string, fail: Fail, what?: string): void {
  if (!isUnknown(value)) {
    report(property, nonEmptyStringProblem(value, what), fail);
  }
}

function requireHttpUrl(value: unknown, property: string, fail: Fail, what: string): void {
  if (!isUnknown(value)) {
    report(property, httpUrlProblem(value, what), fail);
  }
}

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_VALUE;
}
