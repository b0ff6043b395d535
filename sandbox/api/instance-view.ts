import type { PlatformVariant } from "../platform/platform-variant.js";
import type { ConfigurationValues, SandboxInstance } from "../store/sandbox-instance.js";
import { maskConfiguration } from "../store/secrets.js";
import { elementView } from "./element-catalogue.js";

export interface InstanceViewOptions {
  /** How this platform version answers: what it masks, the shape of tags, which configuration keys it shows. */
  readonly platform: Pick<PlatformVariant, "masking" | "tagShape" | "platformKeys">;
  /** The id of a tag name, for `tagShape: "objects"`. */
  readonly tagId: (name: string) => number;
  /** `false` for a list asked with `hydrate=false`. */
  readonly includeConfiguration?: boolean;
}

/**
 * The instance as the API answers it (docs/amplify-api.md §3.2), fields in the documented order. The token is included:
 * the docs show it on create, on read and in lists. There is never a `providerData` key (§3.3).
 */
export function toInstanceView(instance: SandboxInstance, options: InstanceViewOptions): Record<string, unknown> {
  const { platform } = options;
  const configuration = maskConfiguration(shownConfiguration(instance, platform.platformKeys), platform.masking);
  return {
    id: instance.id,
    name: instance.name,
    createdDate: instance.createdDate,
    updatedDate: instance.updatedDate,
    token: instance.token,
    element: elementView(instance.elementKey),
    elementId: elementView(instance.elementKey).id,
    valid: instance.valid,
    disabled: instance.disabled,
    maxCacheSize: instance.maxCacheSize,
    cacheTimeToLive: instance.cacheTimeToLive,
    ...(options.includeConfiguration === false ? {} : { configuration }),
    tags:
      platform.tagShape === "objects"
        ? instance.tags.map((name) => ({ id: options.tagId(name), name }))
        : [...instance.tags],
    eventsEnabled: instance.configuration["event.notification.enabled"] === "true",
    traceLoggingEnabled: instance.traceLoggingEnabled,
    cachingEnabled: instance.cachingEnabled,
    externalAuthentication: instance.externalAuthentication,
    user: { id: instance.userId },
  };
}

/**
 * Every key with `null` for the unset ones, the platform's own keys included (the 2017 example), or only what a
 * client set and is still set.
 */
function shownConfiguration(
  instance: SandboxInstance,
  platformKeys: PlatformVariant["platformKeys"],
): ConfigurationValues {
  if (platformKeys === "shown") {
    return { ...instance.configuration };
  }
  const shown: ConfigurationValues = {};
  for (const key of instance.clientKeys) {
    const value = instance.configuration[key];
    if (value !== undefined && value !== null) {
      shown[key] = value;
    }
  }
  return shown;
}
