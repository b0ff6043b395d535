import type * as pulumi from "@pulumi/pulumi";
import type { Sandbox } from "../../sandbox/index.js";
import { provider } from "./provider-session.js";

/** The retry knobs of stack config; a value left out keeps the provider's own default. */
export interface RetryKnobs {
  /** `amplify:requestTimeout`, milliseconds per attempt. */
  readonly requestTimeoutMs?: number;
  /** `amplify:maxRetries`. */
  readonly maxRetries?: number;
}

/**
 * Configures the in-process provider for `sandbox` the way the engine does from stack config, with the retry knobs
 * a reliability test needs (provider-session.ts pins them to 2 retries and 5 s, which is too slow for `noAnswer`).
 * The configuration lives on the process: tests in one file that use it must run serially.
 */
export async function configureWithKnobs(
  sandbox: Pick<Sandbox, "baseUrl" | "userSecret" | "organizationSecret">,
  knobs: RetryKnobs = {},
): Promise<typeof provider> {
  const config: Record<string, string> = {
    "amplify:baseUrl": sandbox.baseUrl,
    "amplify:userSecret": sandbox.userSecret,
    "amplify:organizationSecret": sandbox.organizationSecret,
  };
  if (knobs.requestTimeoutMs !== undefined) {
    config["amplify:requestTimeout"] = String(knobs.requestTimeoutMs);
  }
  if (knobs.maxRetries !== undefined) {
    config["amplify:maxRetries"] = String(knobs.maxRetries);
  }
  await provider.configure({ config: { get: (key: string) => config[key] } } as pulumi.dynamic.ConfigureRequest);
  return provider;
}

/** A settled promise, so a scenario can look at a failure instead of throwing through it. */
export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Error };

export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}
