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

/** How a message names the typed field that owns a key: the resource's input, or the desired-state file's field. */
export type OwnerNaming = "resource" | "file";

/**
 * Keys a typed input owns, with the input's name in the resource and in the desired-state file; `configuration`
 * may not set them, or two inputs would fight over one value.
 */
export const CONFIGURATION_KEY_OWNERS: Readonly<Record<string, Readonly<Record<OwnerNaming, string>>>> = {
  [CONFIG.callbackUrl]: { resource: "oauth.callbackUrl", file: "oauth.callbackUrl" },
  [CONFIG.apiKey]: { resource: "oauth.apiKey", file: "oauth.apiKey" },
  [CONFIG.apiSecret]: { resource: "oauth.apiSecret", file: "oauth.apiSecret" },
  [CONFIG.refreshToken]: { resource: "refreshToken", file: "authorization.refreshToken" },
  [CONFIG.userToken]: {
    resource: "authorizationCode (the platform issues it)",
    file: "authorization (the platform issues it)",
  },
  [CONFIG.eventsEnabled]: { resource: "events.enabled", file: "events.enabled" },
  [CONFIG.eventsCallbackUrl]: { resource: "events.callbackUrl", file: "events.callbackUrl" },
  [CONFIG.signatureKey]: { resource: "events.signatureKey", file: "events.signatureKey" },
};

/** Whether a typed input owns `key`. */
export const isManagedConfigurationKey = (key: string): boolean => CONFIGURATION_KEY_OWNERS[key] !== undefined;

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
