/** Box configuration keys (docs/amplify-api.md §3.1, §5) and which typed input manages each. */
export const CONFIG = {
  callbackUrl: "oauth.callback.url",
  apiKey: "oauth.api.key",
  apiSecret: "oauth.api.secret",
  refreshToken: "oauth.user.refresh_token",
  userToken: "oauth.user.token",
  eventsEnabled: "event.notification.enabled",
  eventsCallbackUrl: "event.notification.callback.url",
  signatureKey: "event.notification.signature.key",
} as const;

/** Keys a typed input owns; `configuration` may not set them, or two inputs would fight over one value. */
export const MANAGED_CONFIGURATION_KEYS: Readonly<Record<string, string>> = {
  [CONFIG.callbackUrl]: "oauth.callbackUrl",
  [CONFIG.apiKey]: "oauth.apiKey",
  [CONFIG.apiSecret]: "oauth.apiSecret",
  [CONFIG.refreshToken]: "refreshToken",
  [CONFIG.userToken]: "authorizationCode (the platform issues it)",
  [CONFIG.eventsEnabled]: "events.enabled",
  [CONFIG.eventsCallbackUrl]: "events.callbackUrl",
  [CONFIG.signatureKey]: "events.signatureKey",
};

/**
 * What a key holds when the platform's answer leaves it out (some versions answer only the keys a client set): the
 * documented default (docs/amplify-api.md §5).
 */
export const PLATFORM_DEFAULTS: Readonly<Record<string, string>> = {
  [CONFIG.eventsEnabled]: "false",
};

/**
 * Keys the platform writes itself (docs/amplify-api.md §3.2, §9): an import leaves them out of the desired state. The
 * value is the one the platform writes, or `undefined` when every value is its own (ids, metadata); a value that
 * differs from the one named was set by someone, and is carried.
 */
export const PLATFORM_WRITTEN_KEYS: Readonly<Record<string, string | undefined>> = {
  "oauth.user.id": undefined,
  "event.notification.subscription.id": undefined,
  "event.metadata": undefined,
  "filter.response.nulls": "true",
};
