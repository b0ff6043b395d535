import { once, setMaxListeners } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { SandboxState } from "./api/api-call.js";
import { createApiRoutes } from "./api/routes/api-routes.js";
import { type AuthorizeSwitches, BoxAuthorizePage } from "./box/box-authorize.js";
import { BoxOAuth } from "./box/box-oauth.js";
import { type BoxChange, readBoxChange } from "./events/box-change.js";
import type { EventDelivery, SimulationResult } from "./events/event-delivery.js";
import { EventDispatcher } from "./events/event-dispatcher.js";
import type { FaultSwitches } from "./faults/fault-rule.js";
import { FaultSwitchboard } from "./faults/fault-switchboard.js";
import type { RecordedRequest } from "./http/request-log.js";
import { RequestLog } from "./http/request-log.js";
import { createRequestListener } from "./http/request-pipeline.js";
import { resolveOptions, type SandboxOptions } from "./options.js";
import type { PlatformVariant } from "./platform/platform-variant.js";
import { BASE_PATH } from "./protocol/base-path.js";
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
  /** How this sandbox answers where platform versions differ (the options, defaults filled in). */
  readonly platform: PlatformVariant;
  /** The header value clients must send: `User <userSecret>, Organization <organizationSecret>`. */
  readonly authorization: string;
  /** Every API request received, in arrival order (a copy). */
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  readonly faults: FaultSwitches;
  /** The store, unmasked, oldest first (copies: changing them changes nothing). */
  instances(): SandboxInstance[];
  instance(id: number): SandboxInstance | undefined;
  /** `http://host:port`: where the control routes (`/__sandbox`) and the stand-in authorize page live. */
  readonly origin: string;
  /**
   * Simulates a change in the Box account of instance `id` and makes the sandbox POST the platform's webhook
   * notification to the instance's `event.notification.callback.url` (docs/amplify-api.md §6), signed when the instance
   * has a signature key. Resolves once the first attempt has ended; failed deliveries are repeated later.
   * Nothing is sent, and `delivered` is false with a `reason`, when the instance's events are off.
   * Rejects with a 404 `ApiError` for an unknown instance and a 400 for a malformed change.
   */
  simulateBoxChange(id: number, change: BoxChange | readonly BoxChange[]): Promise<SimulationResult>;
  /** The event log of one instance (or of every instance), oldest first: what `GET /instances/{id}/events` shows. */
  eventDeliveries(id?: number): EventDelivery[];
  /** Resolves once no webhook delivery is in flight or waiting for a repeat. */
  eventsSettled(): Promise<void>;
  /** How visits to the stand-in Box authorize page end (grant, deny, wrong state), and the codes it issued. */
  readonly authorize: AuthorizeSwitches;
  /**
   * Stops listening, drops every connection, including ones held open by `noAnswer`, and stops pending webhook
   * repeats. Safe to call twice.
   */
  close(): Promise<void>;
}

/** Starts a sandbox and resolves once it listens. */
export async function startSandbox(options?: SandboxOptions): Promise<Sandbox> {
  const settings = resolveOptions(options);
  const store = new InstanceStore();
  const events = new EventDispatcher(store, {
    limit: settings.eventRetryLimit,
    baseMs: settings.eventRetryBaseMs,
    deliveryTimeoutMs: settings.eventDeliveryTimeoutMs,
    onAttempt: settings.onEventAttempt,
  });
  const authorizePage = new BoxAuthorizePage(settings.authorizeOutcome);
  const state: SandboxState = {
    store,
    oauth: new BoxOAuth(),
    platform: settings.platform,
    userId: SANDBOX_USER_ID,
    events,
    authorizePage,
  };
  const faults = new FaultSwitchboard();
  const log = new RequestLog(settings.requestLogLimit);
  const shutdown = new AbortController();
  // Every answer waiting out its latency listens on this signal: more than ten at once is normal under load.
  setMaxListeners(0, shutdown.signal);
  const server = createServer(
    createRequestListener({
      router: createApiRoutes(),
      state,
      store,
      secrets: settings,
      faults,
      log,
      events,
      authorizePage,
      latencyMs: settings.latencyMs,
      shutdown: shutdown.signal,
      ...(settings.onRequestServed === undefined ? {} : { onRequestServed: settings.onRequestServed }),
    }),
  );
  server.listen(settings.port, settings.host);
  await once(server, "listening");

  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
  const origin = `http://${host}:${port}`;
  authorizePage.origin = origin;
  let closing: Promise<void> | undefined;
  return {
    baseUrl: `${origin}${BASE_PATH}`,
    origin,
    platform: settings.platform,
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
    async simulateBoxChange(id, change) {
      const changes = (Array.isArray(change) ? change : [change]).map((item: unknown) => readBoxChange(item));
      return events.simulate(id, changes);
    },
    eventDeliveries: (id) => events.deliveries(id),
    eventsSettled: () => events.settled(),
    authorize: authorizePage,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        shutdown.abort();
        events.close();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
