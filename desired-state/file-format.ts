/**
 * The vocabulary of the desired-state file: which keys each mapping takes. The JSON Schema in
 * `schema/instances.schema.json` must allow exactly these keys (a test walks both and compares them).
 */

/** The only format version so far. A file may say `version: 1` or nothing. */
export const FORMAT_VERSION = 1;

export const FILE_KEYS = ["version", "defaults", "instances"] as const;
export const DEFAULTS_KEYS = ["oauth", "events", "tags", "configuration"] as const;
export const INSTANCE_KEYS = ["name", "authorization", "oauth", "events", "tags", "configuration", "adopt"] as const;
export const OAUTH_KEYS = ["apiKey", "apiSecret", "callbackUrl"] as const;
export const EVENTS_KEYS = ["enabled", "callbackUrl", "signatureKey"] as const;
export const AUTHORIZATION_KEYS = ["code", "refreshToken"] as const;
export const SECRET_REFERENCE_KEYS = ["secret", "env"] as const;

/**
 * Names people reach for that the file spells differently: the resource's argument names. Shown as the
 * did-you-mean when a key is unknown.
 */
export const INSTANCE_KEY_ALIASES: Readonly<Record<string, string>> = {
  authorizationCode: "authorization: { code: ... }",
  code: "authorization: { code: ... }",
  refreshToken: "authorization: { refreshToken: ... }",
  adoptInstanceId: "adopt",
};

/** Keys under `instances`: the Pulumi resource names. Starting with a letter or digit keeps them readable in URNs. */
export const LOGICAL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `{ secret: key }`: a stack config key, plain (the project's namespace) or `namespace:key`. */
export const CONFIG_KEY_PATTERN = /^(?:[A-Za-z0-9_.-]+:)?[A-Za-z0-9_.-]+$/;

/** `{ env: NAME }`: a portable environment variable name. */
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `adopt`: the decimal id of an existing instance. */
export const INSTANCE_ID_PATTERN = /^[0-9]+$/;

/** The same rule as the provider's check: AMPLIFY keeps names of up to 255 characters. */
export const NAME_MAX_LENGTH = 255;

/**
 * The same rule as the provider's check (check-inputs.ts): pass-through configuration is stored in clear in state,
 * so keys that look like they hold a secret are refused.
 */
export const SECRET_LOOKING_CONFIGURATION_KEY = /(secret|password|token|key)$/i;

/** How the file names the typed field that owns each managed configuration key (configuration-keys.ts). */
export const CONFIGURATION_KEY_OWNERS: Readonly<Record<string, string>> = {
  "oauth.callback.url": "oauth.callbackUrl",
  "oauth.api.key": "oauth.apiKey",
  "oauth.api.secret": "oauth.apiSecret",
  "oauth.user.token": "authorization (the platform issues it)",
  "oauth.user.refresh_token": "authorization.refreshToken",
  "event.notification.enabled": "events.enabled",
  "event.notification.callback.url": "events.callbackUrl",
  "event.notification.signature.key": "events.signatureKey",
};
