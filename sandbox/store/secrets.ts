import type { PlatformVariant } from "../platform/platform-variant.js";
import type { ConfigurationValues } from "./sandbox-instance.js";

/** What newer platform versions answer in place of a secret (docs/amplify-api.md §3.2). */
export const MASKED_VALUE = "********";

/** The configuration keys that hold secrets: masked by every platform version that masks anything. */
export const SECRET_CONFIGURATION_KEYS: ReadonlySet<string> = new Set([
  "oauth.api.secret",
  "oauth.user.token",
  "oauth.user.refresh_token",
  "event.notification.signature.key",
  "event.notification.basic.password",
]);

/** Box's public client id: churros saw it masked as well on newer platform versions. */
const CLIENT_ID_KEY = "oauth.api.key";

export type Masking = PlatformVariant["masking"];

/** Whether a platform version of this `masking` answers `key` as `"********"`. */
export function isMaskedKey(key: string, masking: Masking): boolean {
  switch (masking) {
    case "client-id-and-secrets":
      return key === CLIENT_ID_KEY || SECRET_CONFIGURATION_KEYS.has(key);
    case "secrets":
      return SECRET_CONFIGURATION_KEYS.has(key);
    case "none":
      return false;
  }
}

/**
 * Masks what `masking` masks. An unset value stays `null`: masking it would tell a client that a value exists when
 * none does.
 */
export function maskConfiguration(configuration: ConfigurationValues, masking: Masking): ConfigurationValues {
  const masked: ConfigurationValues = {};
  for (const [key, value] of Object.entries(configuration)) {
    masked[key] = value !== null && isMaskedKey(key, masking) ? MASKED_VALUE : value;
  }
  return masked;
}

/**
 * A client that read a masked value and sent it back means "leave it as it is" (docs/amplify-api.md §3.2 asks clients
 * never to do this, but a naive read-modify-write does): storing the eight stars would destroy the real value. A
 * platform that masks nothing stores them as they come.
 */
export const isMaskedPlaceholder = (key: string, value: unknown, masking: Masking): boolean =>
  value === MASKED_VALUE && isMaskedKey(key, masking);
