import { BASE_PATH } from "../protocol/base-path.js";
import { matchPathPattern } from "../protocol/path-pattern.js";

/** The ways the sandbox can misbehave. */
export const FAULT_KINDS = [
  "status500",
  "status502",
  "status503",
  "status429",
  "latency",
  "resetBeforeHandling",
  "resetAfterCommit",
  "noAnswer",
  "malformedJson",
] as const;

/**
 * - `status500`, `status502`, `status503`, `status429`: answer that status with an error body, without acting;
 *   429 and 503 carry `Retry-After` when `retryAfterSeconds` is given.
 * - `latency`: act, then wait `latencyMs` more before answering.
 * - `resetBeforeHandling`: reset the connection without acting.
 * - `resetAfterCommit`: act fully (the write is stored), then reset the connection without answering.
 * - `noAnswer`: neither act nor answer; the connection stays open until the client gives up or the sandbox closes.
 * - `malformedJson`: act, then answer with the status the request earned but a truncated JSON body.
 */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** One fault to inject into the requests it matches. */
export interface FaultRule {
  readonly kind: FaultKind;
  /** Only requests with this method (any case); all methods when absent. */
  readonly method?: string;
  /**
   * Only requests to this path, relative to `/elements/api-v2` (the prefix is also accepted). `{name}` matches one
   * segment (`/instances/{id}` is any instance but not its `/configuration`), a last segment `*` matches the rest
   * (`/instances/*`), and a literal path (`/instances/100001`) matches itself. All API paths when absent.
   */
  readonly path?: string;
  /** How many matching requests it affects, default 1; `Infinity` until cleared. */
  readonly times?: number;
  /** For `status429` and `status503`: the `Retry-After` header, in seconds. */
  readonly retryAfterSeconds?: number;
  /** For `latency`: the added delay (required). */
  readonly latencyMs?: number;
}

/** The fault and rate-limit switches; `sandbox.faults` in-process, `/__sandbox/faults` over HTTP. */
export interface FaultSwitches {
  /** Adds a rule after the existing ones; a request takes the first rule that matches it. Throws on a bad rule. */
  add(rule: FaultRule): void;
  /** Removes every rule and the rate limit. */
  clear(): void;
  /**
   * Admits at most `requestsPerSecond` API requests in any one-second window; the rest get 429 with `Retry-After`
   * (`retryAfterSeconds`, or the whole seconds until a slot frees, at least 1) and no action. `undefined` lifts it.
   */
  rateLimit(requestsPerSecond: number | undefined, retryAfterSeconds?: number): void;
  /** The rules not yet used up, each with its remaining `times`. */
  readonly pending: readonly FaultRule[];
}

/**
 * Checks a rule as given in-process or as JSON over HTTP (where `times` may be the string `"Infinity"`), and returns
 * it in canonical form: method upper-cased, path relative to the base path, `times` filled in.
 *
 * @throws TypeError naming the offending field.
 */
export function normalizeFaultRule(input: unknown): FaultRule & { readonly times: number } {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new TypeError('A fault rule must be an object such as {"kind": "status503"}');
  }
  const { kind, method, path, times, retryAfterSeconds, latencyMs } = input as Record<string, unknown>;
  if (typeof kind !== "string" || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new TypeError(`Fault kind must be one of ${FAULT_KINDS.join(", ")}; got ${JSON.stringify(kind)}`);
  }
  if (method !== undefined && (typeof method !== "string" || !/^[A-Za-z]+$/.test(method))) {
    throw new TypeError(`Fault method must be an HTTP method such as "POST"; got ${JSON.stringify(method)}`);
  }
  if (path !== undefined && (typeof path !== "string" || !path.startsWith("/"))) {
    throw new TypeError(`Fault path must start with "/", such as "/instances/{id}"; got ${JSON.stringify(path)}`);
  }
  const count = times === undefined ? 1 : times === "Infinity" ? Number.POSITIVE_INFINITY : times;
  if (typeof count !== "number" || !(count === Number.POSITIVE_INFINITY || (Number.isInteger(count) && count >= 1))) {
    throw new TypeError(`Fault times must be a positive integer or Infinity; got ${JSON.stringify(times)}`);
  }
  checkNonNegative("retryAfterSeconds", retryAfterSeconds);
  checkNonNegative("latencyMs", latencyMs);
  if (kind === "latency" && latencyMs === undefined) {
    throw new TypeError("A latency fault needs latencyMs");
  }
  return {
    kind: kind as FaultKind,
    ...(method === undefined ? {} : { method: method.toUpperCase() }),
    ...(path === undefined ? {} : { path: relativeToBase(path) }),
    times: count,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds: retryAfterSeconds as number }),
    ...(latencyMs === undefined ? {} : { latencyMs: latencyMs as number }),
  };
}

/** Whether `rule` applies to a request; `path` is relative to the base path. */
export function faultMatches(rule: FaultRule, method: string, path: string): boolean {
  return (
    (rule.method === undefined || rule.method === method.toUpperCase()) &&
    (rule.path === undefined || matchPathPattern(rule.path, path) !== undefined)
  );
}

function checkNonNegative(name: string, value: unknown): void {
  if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value < 0)) {
    throw new TypeError(`Fault ${name} must be a non-negative number; got ${JSON.stringify(value)}`);
  }
}

function relativeToBase(path: string): string {
  return path === BASE_PATH || path.startsWith(`${BASE_PATH}/`) ? path.slice(BASE_PATH.length) || "/" : path;
}
