import { InstancesClient, type InstancesClientOptions, type RequestLogEntry } from "../../provider/client/index.js";
import type { Sandbox } from "../../sandbox/index.js";

/** A client for `sandbox` with fast retries, and the request log it produced. */
export function clientFor(sandbox: Sandbox, options: InstancesClientOptions & { timeoutMs?: number } = {}) {
  const log: RequestLogEntry[] = [];
  const client = new InstancesClient(
    {
      baseUrl: sandbox.baseUrl,
      userSecret: sandbox.userSecret,
      organizationSecret: sandbox.organizationSecret,
      requestTimeoutMs: options.timeoutMs ?? 2000,
      maxRetries: 3,
    },
    { retry: { baseDelayMs: 20, maxDelayMs: 1500, ...options.retry }, onRequest: (entry) => log.push(entry) },
  );
  return { client, log };
}
