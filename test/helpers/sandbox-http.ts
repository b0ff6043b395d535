import { randomBytes } from "node:crypto";
import type { ExecutionContext } from "ava";
import { type Sandbox, type SandboxOptions, startSandbox } from "../../sandbox/index.js";

/** Starts a sandbox on an ephemeral port that closes when the test ends, pass or fail. */
export async function withSandbox(t: ExecutionContext, options?: SandboxOptions): Promise<Sandbox> {
  const sandbox = await startSandbox(options);
  t.teardown(() => sandbox.close());
  return sandbox;
}

/** An answer, read whole: status, headers and the body parsed as JSON when it is JSON. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests index into answers freely; the assertions are the type check.
  readonly body: any;
}

export interface CallOptions {
  /** The Authorization header; the sandbox's own by default, `null` for none. */
  readonly authorization?: string | null;
  /** A raw body sent as it is (with `contentType`), instead of `body` as JSON. */
  readonly rawBody?: string;
  readonly contentType?: string;
  readonly signal?: AbortSignal;
}

/** Calls the sandbox API; `path` is relative to the base URL (`/instances/100001`). */
export async function call(
  sandbox: Sandbox,
  method: string,
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  const authorization = options.authorization === undefined ? sandbox.authorization : options.authorization;
  if (authorization !== null) {
    headers.authorization = authorization;
  }
  const payload = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined) {
    headers["content-type"] = options.contentType ?? "application/json";
  }
  const response = await fetch(`${sandbox.baseUrl}${path}`, {
    method,
    headers,
    ...(payload === undefined ? {} : { body: payload }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return readAnswer(response);
}

/** Calls a sandbox control route (`/__sandbox/...`), which needs no Authorization. */
export async function callAdmin(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<Answer> {
  const origin = new URL(sandbox.baseUrl).origin;
  const response = await fetch(`${origin}/__sandbox${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  return readAnswer(response);
}

async function readAnswer(response: Response): Promise<Answer> {
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

/** A grant code nobody has used yet. */
export const freshCode = (): string => `code-${randomBytes(8).toString("hex")}`;

/** A valid create body for Box (docs/amplify-api.md §3.1), with a fresh code; `overrides` replace top-level fields. */
export function boxCreateBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    element: { key: "box" },
    providerData: { code: freshCode() },
    configuration: {
      "oauth.callback.url": "https://app.example.com/oauth/box",
      "oauth.api.key": "box-client-id",
      "oauth.api.secret": "box-client-secret-value",
    },
    tags: ["managed"],
    name: `instance-${randomBytes(4).toString("hex")}`,
    ...overrides,
  };
}

/** Creates an instance and returns the answer's body; fails the test when the sandbox refuses it. */
export async function createInstance(
  t: ExecutionContext,
  sandbox: Sandbox,
  overrides: Record<string, unknown> = {},
  // biome-ignore lint/suspicious/noExplicitAny: see Answer.body.
): Promise<any> {
  const answer = await call(sandbox, "POST", "/instances", boxCreateBody(overrides));
  t.is(answer.status, 200, answer.text);
  return answer.body;
}
