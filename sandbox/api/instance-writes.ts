import { definitionOf } from "../box/box-element.js";
import { syncEventSubscription } from "../box/box-rules.js";
import { newInstanceToken } from "../box/credentials.js";
import { type ApiResponse, ok } from "../protocol/api-response.js";
import type { InstanceStore } from "../store/instance-store.js";
import type { ConfigurationValues, SandboxInstance } from "../store/sandbox-instance.js";
import { isoSeconds, nextUpdatedDate } from "../store/timestamps.js";
import type { SandboxState } from "./api-call.js";
import { type Authentication, applyAuthentication } from "./authentication.js";
import { viewInstance } from "./instance-answer.js";

/** What a new instance is made of; the rest (id, token, dates, flags) the platform fills in. */
export type NewInstanceFields = Pick<
  SandboxInstance,
  "name" | "elementKey" | "configuration" | "clientKeys" | "tags" | "externalAuthentication" | "userId"
>;

/** Stores a new instance with a fresh id and token, both dates now and the platform's defaults, and returns it. */
export function storeNewInstance(store: InstanceStore, fields: NewInstanceFields): SandboxInstance {
  const now = isoSeconds(new Date());
  const instance: SandboxInstance = {
    ...fields,
    id: store.allocateId(),
    token: newInstanceToken(),
    createdDate: now,
    updatedDate: now,
    valid: true,
    disabled: false,
    maxCacheSize: 0,
    cacheTimeToLive: 0,
    traceLoggingEnabled: false,
    cachingEnabled: false,
  };
  store.put(instance);
  return instance;
}

/** The keys a write gives a value: what it adds to an instance's `clientKeys`. */
export const clientKeysOf = (values: ConfigurationValues): string[] =>
  Object.entries(values)
    .filter(([, value]) => value !== null)
    .map(([key]) => key);

/**
 * Writes `values` into the instance's configuration. `null` unsets: a key Box defines stays, as `null` (that is how
 * the platform shows an unset key, §3.2); a pass-through key the client made up disappears.
 */
export function mergeConfiguration(instance: SandboxInstance, values: ConfigurationValues): void {
  const clientKeys = new Set(instance.clientKeys);
  for (const [key, value] of Object.entries(values)) {
    if (value === null) {
      clientKeys.delete(key);
      if (definitionOf(key) === undefined) {
        delete instance.configuration[key];
        continue;
      }
    } else {
      clientKeys.add(key);
    }
    instance.configuration[key] = value;
  }
  instance.clientKeys = [...clientKeys];
}

/**
 * The end of every update: re-authenticates when asked (spending the code only now, after all checks passed),
 * keeps the webhook subscription in step with the events switch, moves `updatedDate`, stores, and answers with the
 * whole instance. The id stays; the token is renewed on re-authentication when `tokenOnReauthentication` says so.
 */
export function commitUpdate(state: SandboxState, next: SandboxInstance, authentication?: Authentication): ApiResponse {
  if (authentication !== undefined) {
    next.externalAuthentication = applyAuthentication(state.oauth, authentication, next.configuration);
    next.valid = true;
    if (state.platform.tokenOnReauthentication === "rotate") {
      next.token = newInstanceToken();
    }
  }
  syncEventSubscription(next.configuration);
  next.updatedDate = nextUpdatedDate(next.updatedDate);
  state.store.put(next);
  return ok(viewInstance(state, next));
}
