import type { ConfigurationValues } from "./sandbox-instance.js";

/** What newer platform versions answer in place of a secret (amplify-api.md §3.2). */
export const MASKED_VALUE = "********";

/**
 * The configuration keys whose values never leave the sandbox in clear (unless `maskSecrets: false`). `oauth.api.key`
 * is deliberately absent: it is Box's public client id, and churros saw it masked only on some platform versions.
 */
export const MASKED_CONFIGURATION_KEYS: ReadonlySet<string> = new Set([
  "oauth.api.secret",
  "oauth.user.token",
  "oauth.user.refresh_token",
  "event.notification.signature.key",
  "event.notification.basic.password",
]);

export const isMaskedKey = (key: string): boolean => MASKED_CONFIGURATION_KEYS.has(key);

/**
 * Masks the secret values of a configuration. An unset secret stays `null`: masking it would tell a client that a
 * value exists when none does.
 */
export function maskConfiguration(configuration: ConfigurationValues): ConfigurationValues {
  const masked: ConfigurationValues = {};
  for (const [key, value] of Object.entries(configuration)) {
    masked[key] = value !== null && isMaskedKey(key) ? MASKED_VALUE : value;
  }
  return masked;
}

/**
 * A client that read a masked value and sent it back means "leave it as it is" (amplify-api.md §3.2 asks clients
 * never to do this, but a naive read-modify-write does): storing the eight stars would destroy the real secret.
 */
export const isMaskedPlaceholder = (key: string, value: unknown): boolean => value === MASKED_VALUE && isMaskedKey(key);
