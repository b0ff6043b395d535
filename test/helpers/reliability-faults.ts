import type { FaultKind, Sandbox } from "../../sandbox/index.js";

/** The request of an operation that a fault is aimed at: its method and its path below the base URL. */
export interface FaultTarget {
  readonly method: string;
  readonly path: string;
}

/** One row of the fault matrix: a way the platform misbehaves, armed on the operation's request. */
export interface FaultRow {
  readonly name: string;
  /** Lasts until the test clears it (an outage), rather than wearing off after a number of requests. */
  readonly persistent: boolean;
  /**
   * What the client receives tells it for certain whether the platform acted: a 429 (it did not), an answer that
   * is merely slow, a 2xx whose body is garbled (it did). After a reset, a timeout or a 5xx it cannot know.
   */
  readonly revealsOutcome: boolean;
  arm(sandbox: Sandbox, target: FaultTarget): Promise<void>;
  /** Whether the fault met a request, judged from the sandbox's request log since it was armed. */
  struck(sandbox: Sandbox, target: FaultTarget): boolean;
}

/** Retry knobs of the matrix: attempts time out fast so that `noAnswer` costs half a second, not thirty. */
export const MATRIX_KNOBS = { requestTimeoutMs: 800, maxRetries: 2 } as const;
const SLOW_MS = 150;
const PAST_TIMEOUT_MS = MATRIX_KNOBS.requestTimeoutMs + 700;

const REVEALING: readonly FaultKind[] = ["status429", "latency", "malformedJson"];

function rule(
  kind: FaultKind,
  times: number,
  extra: { retryAfterSeconds?: number; latencyMs?: number } = {},
): FaultRow {
  const persistent = times === Number.POSITIVE_INFINITY;
  const label = `${kind} ${persistent ? "×∞" : `×${times}`}`;
  return {
    name: extra.latencyMs === undefined ? label : `${label} (${extra.latencyMs} ms)`,
    persistent,
    revealsOutcome: REVEALING.includes(kind) && (extra.latencyMs ?? 0) < MATRIX_KNOBS.requestTimeoutMs,
    arm: async (sandbox, target) => sandbox.faults.add({ kind, times, ...target, ...extra }),
    struck: (sandbox, target) => sandbox.requests.some((request) => matches(request, target)),
  };
}

/**
 * The platform's rate limit at 1 request per second, with the window already used up by another client of the same
 * organization: the operation's first request is refused with 429 and `Retry-After`.
 */
const rateLimit: FaultRow = {
  name: "rate limit 1/s, window full",
  persistent: false,
  revealsOutcome: true,
  arm: async (sandbox) => {
    sandbox.faults.rateLimit(1);
    await fetch(`${sandbox.baseUrl}/instances`, { headers: { authorization: sandbox.authorization } });
  },
  struck: (sandbox) => sandbox.requests.some((request) => request.status === 429),
};

export const FAULT_ROWS: readonly FaultRow[] = [
  rule("status500", 1),
  rule("status500", Number.POSITIVE_INFINITY),
  rule("status502", 1),
  rule("status502", Number.POSITIVE_INFINITY),
  rule("status503", 1),
  rule("status503", Number.POSITIVE_INFINITY),
  { ...rule("status429", 1, { retryAfterSeconds: 1 }), name: "status429 ×1 (Retry-After 1)" },
  { ...rule("latency", Number.POSITIVE_INFINITY, { latencyMs: SLOW_MS }), persistent: false },
  {
    ...rule("latency", 1, { latencyMs: PAST_TIMEOUT_MS }),
    name: `latency ×1 past the timeout (${PAST_TIMEOUT_MS} ms)`,
  },
  rule("resetBeforeHandling", 1),
  rule("resetAfterCommit", 1),
  rule("resetAfterCommit", Number.POSITIVE_INFINITY),
  rule("noAnswer", 1),
  rule("noAnswer", Number.POSITIVE_INFINITY),
  rule("malformedJson", 1),
  rateLimit,
];

function matches(request: { method: string; path: string }, target: FaultTarget): boolean {
  return request.method === target.method && request.path.endsWith(target.path);
}
