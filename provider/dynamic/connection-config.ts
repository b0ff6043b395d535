import {
  type ConnectionSettings,
  DEFAULT_MAX_RETRIES,
  DEFAULT_REQUEST_TIMEOUT_MS,
  resolveBaseUrl,
} from "../client/connection-settings.js";

/** Stack config keys and their environment fallbacks. */
export const CONFIG_KEYS = {
  baseUrl: { config: "amplify:baseUrl", env: "AMPLIFY_BASE_URL" },
  userSecret: { config: "amplify:userSecret", env: "AMPLIFY_USER_SECRET" },
  organizationSecret: { config: "amplify:organizationSecret", env: "AMPLIFY_ORGANIZATION_SECRET" },
  requestTimeout: { config: "amplify:requestTimeout", env: "AMPLIFY_REQUEST_TIMEOUT" },
  maxRetries: { config: "amplify:maxRetries", env: "AMPLIFY_MAX_RETRIES" },
} as const;

type ConfigLookup = (key: string) => string | undefined;

/** Stack config as `configure()` saw it. Undefined until the engine calls configure. */
export type StackConfigSnapshot = Readonly<Record<string, string | undefined>>;

/**
 * The stack config `configure()` saw, in this provider process only: module state, like all of the provider's.
 * Nothing of this module is serialized; state holds only the constant text of provider-source.ts, which loads it
 * by package name.
 */
let configured: StackConfigSnapshot | undefined;

export function rememberStackConfig(lookup: ConfigLookup): void {
  const snapshot: Record<string, string | undefined> = {};
  for (const { config } of Object.values(CONFIG_KEYS)) {
    snapshot[config] = lookup(config);
  }
  configured = snapshot;
}

/** Thrown when settings are missing or malformed; the message names every way to fix it. */
export class ConnectionConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.message = message;
    this.name = "ConnectionConfigError";
  }
}

/**
 * The connection settings from stack config, then the environment. Throws a `ConnectionConfigError` that names
 * both ways of setting whatever is missing. The stack config is what `configure()` saw, or, for the import
 * command, what `pulumi config` prints.
 */
export function resolveConnectionSettings(
  env: NodeJS.ProcessEnv = process.env,
  snapshot: StackConfigSnapshot = configured ?? {},
): ConnectionSettings {
  const value = (key: { config: string; env: string }) => {
    const configured = snapshot[key.config];
    if (configured !== undefined && configured !== "") {
      return configured;
    }
    const fromEnv = env[key.env];
    return fromEnv === undefined || fromEnv === "" ? undefined : fromEnv;
  };
  const missing = [CONFIG_KEYS.userSecret, CONFIG_KEYS.organizationSecret].filter((key) => value(key) === undefined);
  if (missing.length > 0) {
    throw new ConnectionConfigError(
      `AMPLIFY credentials are missing: ${missing
        .map(
          (key) =>
            `set ${key.config} with \`pulumi config set --secret ${key.config} <value>\` or the ${key.env} environment variable`,
        )
        .join("; ")}.`,
    );
  }
  return {
    baseUrl: resolveBaseUrl(
      value(CONFIG_KEYS.baseUrl),
      `${CONFIG_KEYS.baseUrl.config} (or ${CONFIG_KEYS.baseUrl.env})`,
    ),
    userSecret: value(CONFIG_KEYS.userSecret) as string,
    organizationSecret: value(CONFIG_KEYS.organizationSecret) as string,
    requestTimeoutMs: positiveInteger(
      value(CONFIG_KEYS.requestTimeout),
      CONFIG_KEYS.requestTimeout,
      DEFAULT_REQUEST_TIMEOUT_MS,
    ),
    maxRetries: positiveInteger(value(CONFIG_KEYS.maxRetries), CONFIG_KEYS.maxRetries, DEFAULT_MAX_RETRIES, true),
  };
}

function positiveInteger(
  raw: string | undefined,
  key: { config: string; env: string },
  fallback: number,
  allowZero = false,
): number {
  if (raw === undefined) {
    return fallback;
  }
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < (allowZero ? 0 : 1)) {
    throw new ConnectionConfigError(
      `${key.config} (or ${key.env}) must be a ${allowZero ? "non-negative" : "positive"} integer; got "${raw}"`,
    );
  }
  return parsed;
}
