/**
 * Where the AMPLIFY platform is and how to authenticate to it. Knows nothing of Pulumi: the dynamic provider
 * fills it from stack config, tests and the sandbox CLI fill it directly.
 */
export interface ConnectionSettings {
  /** Base URL up to and including `/elements/api-v2`. */
  readonly baseUrl: string;
  /** Secret. The AMPLIFY user secret. */
  readonly userSecret: string;
  /** Secret. The AMPLIFY organization secret. */
  readonly organizationSecret: string;
  /** Time allowed for one attempt of one request, in milliseconds. */
  readonly requestTimeoutMs: number;
  /** How many times a retry-safe request is repeated after a transient failure. */
  readonly maxRetries: number;
}

/**
 * Named hosts (docs/amplify-api.md §1). No Axway-branded API host is documented, so the base URL stays configurable and
 * these are conveniences.
 */
export const BASE_URL_PRESETS: Readonly<Record<string, string>> = {
  us: "https://api.cloud-elements.com/elements/api-v2",
  eu: "https://api.cloud-elements.co.uk/elements/api-v2",
  staging: "https://staging.cloud-elements.com/elements/api-v2",
  "sap-us2": "https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2",
};

export const DEFAULT_BASE_URL = BASE_URL_PRESETS.us as string;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 4;

/**
 * Turns a preset name or URL into a base URL without a trailing slash.
 * Throws a message that names the setting when the value is neither.
 */
export function resolveBaseUrl(value: string | undefined, settingName = "amplify:baseUrl"): string {
  if (value === undefined || value.trim() === "") {
    return DEFAULT_BASE_URL;
  }
  const trimmed = value.trim();
  const preset = BASE_URL_PRESETS[trimmed];
  if (preset !== undefined) {
    return preset;
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error(
      `${settingName} must be an http(s) URL or one of the presets ${Object.keys(BASE_URL_PRESETS).join(", ")}; got "${trimmed}"`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`${settingName} must use http or https; got "${url.protocol}"`);
  }
  return trimmed.replace(/\/+$/, "");
}

/** Headers of every platform call: JSON, this client's name, and the Authorization of docs/amplify-api.md §2. */
export function platformHeaders(
  settings: Pick<ConnectionSettings, "userSecret" | "organizationSecret">,
): Record<string, string> {
  return {
    authorization: authorizationHeader(settings),
    accept: "application/json",
    "user-agent": "pulumi-amplify-box",
  };
}

/** The platform-call header of docs/amplify-api.md §2: `User <secret>, Organization <secret>`. */
export function authorizationHeader(settings: Pick<ConnectionSettings, "userSecret" | "organizationSecret">): string {
  return `User ${settings.userSecret}, Organization ${settings.organizationSecret}`;
}
