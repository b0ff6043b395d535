import got, { type Got } from "got";
import type { Sandbox } from "../sandbox/index.js";

/**
 * The baselines' HTTP client: the same request the provider makes, with got and nothing else (no retries, no
 * redaction, no rate-limit gate). The per-operation raw mode and the plain fleet script both use it.
 */
export function rawHttp(sandbox: Pick<Sandbox, "baseUrl" | "authorization">): Got {
  return got.extend({
    prefixUrl: `${sandbox.baseUrl}/`,
    headers: { authorization: sandbox.authorization, accept: "application/json" },
    responseType: "json",
    retry: { limit: 0 },
  });
}
