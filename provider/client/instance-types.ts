/** Wire shapes of the `/instances` API (docs/amplify-api.md §3). Only what this project reads or writes is typed. */

/** A configuration value as the API returns it: strings, `null` for unset keys (docs/amplify-api.md §3.2). */
export type ConfigurationValue = string | number | boolean | null;

/** The value newer platforms return in place of a secret. It means "unknown, unchanged", never a value. */
export const MASKED_VALUE = "********";

/**
 * Configuration keys whose values are secrets: the platform masks them (docs/amplify-api.md §3.2) and this project never
 * shows, logs or stores them in clear.
 */
export const SECRET_CONFIGURATION_KEYS: readonly string[] = [
  "oauth.api.secret",
  "oauth.user.token",
  "oauth.user.refresh_token",
  "event.notification.signature.key",
  "event.notification.basic.password",
];

/** Body of `POST /instances` and `PUT /instances/{id}` (docs/amplify-api.md §3.1). */
export interface InstanceCreateBody {
  element: { key: string };
  providerData?: { code: string };
  externalAuthentication?: "initial";
  configuration: Record<string, ConfigurationValue>;
  tags?: string[];
  name: string;
}

/** Body of `PATCH /instances/{id}`: only what changes (docs/amplify-api.md §3.3). */
export interface InstancePatchBody {
  name?: string;
  tags?: string[];
  configuration?: Record<string, ConfigurationValue>;
  providerData?: { code: string };
}

/** The instance object (docs/amplify-api.md §3.2). Fields the platform may omit are optional. */
export interface Instance {
  id: number;
  name: string;
  token?: string;
  createdDate?: string;
  updatedDate?: string;
  element?: { id?: number; key?: string; name?: string };
  valid?: boolean;
  disabled?: boolean;
  eventsEnabled?: boolean;
  configuration?: Record<string, ConfigurationValue | undefined>;
  /** Strings on current platforms; `{id, name}` objects on older ones. */
  tags?: Array<string | { id?: number; name: string }>;
  externalAuthentication?: string;
}

/** The tag names of an instance, whichever shape the platform answers them in (docs/amplify-api.md §3.2). */
export const tagNames = (instance: Pick<Instance, "tags">): string[] =>
  (instance.tags ?? []).map((tag) => (typeof tag === "string" ? tag : tag.name));

/** Filters of `GET /instances` (docs/amplify-api.md §3). */
export interface InstanceListQuery {
  /** Every tag must be present on an instance for it to be listed. */
  tags?: readonly string[];
  searchText?: string;
}
