import { BOX_ELEMENT } from "../box/box-element.js";
import type { SandboxInstance } from "./sandbox-instance.js";
import { maskConfiguration } from "./secrets.js";

export interface InstanceViewOptions {
  /** `"********"` in place of secret values (newer platforms) or clear values (the 2017 example). */
  readonly maskSecrets: boolean;
  /** `false` for a list asked with `hydrate=false`. */
  readonly includeConfiguration?: boolean;
}

/**
 * The instance as the API answers it (amplify-api.md §3.2), fields in the documented order. The token is included:
 * the docs show it on create, on read and in lists. There is never a `providerData` key (§3.3).
 */
export function toInstanceView(instance: SandboxInstance, options: InstanceViewOptions): Record<string, unknown> {
  const configuration = options.maskSecrets ? maskConfiguration(instance.configuration) : { ...instance.configuration };
  return {
    id: instance.id,
    name: instance.name,
    createdDate: instance.createdDate,
    updatedDate: instance.updatedDate,
    token: instance.token,
    element: structuredClone(BOX_ELEMENT),
    elementId: BOX_ELEMENT.id,
    valid: instance.valid,
    disabled: instance.disabled,
    maxCacheSize: instance.maxCacheSize,
    cacheTimeToLive: instance.cacheTimeToLive,
    ...(options.includeConfiguration === false ? {} : { configuration }),
    tags: [...instance.tags],
    eventsEnabled: instance.configuration["event.notification.enabled"] === "true",
    traceLoggingEnabled: instance.traceLoggingEnabled,
    cachingEnabled: instance.cachingEnabled,
    externalAuthentication: instance.externalAuthentication,
    user: { id: instance.userId },
  };
}
