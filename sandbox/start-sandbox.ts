import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { SandboxState } from "./api/api-call.js";
import { createApiRoutes } from "./api/api-routes.js";
import { BASE_PATH } from "./base-path.js";
import { BoxOAuth } from "./box/box-oauth.js";
import type { FaultSwitches } from "./faults/fault-rule.js";
import { FaultSwitchboard } from "./faults/fault-switchboard.js";
import type { RecordedRequest } from "./http/request-log.js";
import { RequestLog } from "./http/request-log.js";
import { createRequestListener } from "./http/request-pipeline.js";
import { resolveOptions, type SandboxOptions } from "./options.js";
import { InstanceStore } from "./store/instance-store.js";
import type { SandboxInstance } from "./store/sandbox-instance.js";

/** The platform user the sandbox's secrets belong to. */
export const SANDBOX_USER_ID = 1234567;

/** A running sandbox: where it is, how to call it, and the levers tests pull. */
export interface Sandbox {
  /** The API base URL, such as `http://127.0.0.1:43123/elements/api-v2`. */
  readonly baseUrl: string;
  readonly userSecret: string;
  readonly organizationSecret: string;
  /** The header value clients must send: `User <userSecret>, Organization <organizationSecret>`. */
  readonly authorization: string;
  /** Every API request received, in arrival order (a copy). */
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  readonly faults: FaultSwitches;
  /** The store, unmasked, oldest first (copies: changing them changes nothing). */
  instances(): SandboxInstance[];
  instance(id: number): SandboxInstance | undefined;
  /** Stops listening and drops every connection, including ones held open by `noAnswer`. Safe to call twice. */
  close(): Promise<void>;
}

/** Starts a sandbox and resolves once it listens. */
export async function startSandbox(options?: SandboxOptions): Promise<Sandbox> {
  const settings = resolveOptions(options);
  const store = new InstanceStore();
  const state: SandboxState = {
    store,
    oauth: new BoxOAuth(),
    settings: { maskSecrets: settings.maskSecrets, rejectDuplicateNames: settings.rejectDuplicateNames },
    userId: SANDBOX_USER_ID,
  };
  const faults = new FaultSwitchboard();
  const log = new RequestLog(settings.requestLogLimit);
  const shutdown = new AbortController();
  const server = createServer(
    createRequestListener({
      router: createApiRoutes(),
      state,
      store,
      secrets: settings,
      faults,
      log,
      latencyMs: settings.latencyMs,
      shutdown: shutdown.signal,
      ...(settings.onRequestServed === undefined ? {} : { onRequestServed: settings.onRequestServed }),
    }),
  );
  server.listen(settings.port, settings.host);
  await once(server, "listening");

  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
  let closing: Promise<void> | undefined;
  return {
    baseUrl: `http://${host}:${port}${BASE_PATH}`,
    userSecret: settings.userSecret,
    organizationSecret: settings.organizationSecret,
    authorization: `User ${settings.userSecret}, Organization ${settings.organizationSecret}`,
    get requests() {
      return log.entries;
    },
    clearRequests: () => log.clear(),
    faults,
    instances: () => store.list(),
    instance: (id) => store.get(id),
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        shutdown.abort();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
