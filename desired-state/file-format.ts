/**
 * The vocabulary of the desired-state file: which keys each mapping takes. The JSON Schema in
 * `schema/instances.schema.json` must allow exactly these keys (a test walks both and compares them). The rules the
 * values follow are the provider's own (provider/mapping/input-rules.ts); `oauth` and `events` take the keys listed
 * there.
 */
export { EVENTS_KEYS, OAUTH_KEYS } from "../provider/mapping/input-rules.js";

/** The only format version so far. A file may say `version: 1` or nothing. */
export const FORMAT_VERSION = 1;

export const FILE_KEYS = ["version", "defaults", "instances"] as const;
export const DEFAULTS_KEYS = ["oauth", "events", "tags", "configuration"] as const;
export const INSTANCE_KEYS = ["name", "authorization", "oauth", "events", "tags", "configuration", "adopt"] as const;
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
