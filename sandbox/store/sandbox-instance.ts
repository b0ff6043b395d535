/** Configuration as the platform keeps it: every value a string, `null` for a known key that is unset (§3.2). */
export type ConfigurationValues = Record<string, string | null>;

/** `"initial"` when the instance was provisioned from an existing refresh token rather than a grant code (§3.1). */
export type ExternalAuthentication = "none" | "initial";

/**
 * One connector instance as the sandbox stores it: unmasked, flat, and close to the wire shape of docs/amplify-api.md
 * §3.2 so that tests can compare the two at a glance. `element` and `eventsEnabled` are not stored: the wire view
 * derives them, so they can never disagree with `elementKey` and the configuration.
 */
export interface SandboxInstance {
  /** Numeric, allocated in order and never reused, even after a delete. */
  id: number;
  /** Already HTML-sanitized. */
  name: string;
  /** The instance token (`Element <token>`); kept across updates and re-authentication (a sandbox choice, §3.2). */
  token: string;
  /** `"box"` for every instance the API makes; another team's are of other elements (element-catalogue.ts). */
  elementKey: string;
  /** ISO 8601 in whole seconds, as the platform prints it: `2017-06-06T21:29:33Z`. */
  createdDate: string;
  /** Moves forward on every write, by at least one second (see `nextUpdatedDate`). */
  updatedDate: string;
  valid: boolean;
  disabled: boolean;
  maxCacheSize: number;
  cacheTimeToLive: number;
  configuration: ConfigurationValues;
  /**
   * The configuration keys a client has given a value (create, PATCH, PUT, a configuration entry), in the order it
   * first did. The rest were written by the platform; `platformKeys: "hidden"` answers only these.
   */
  clientKeys: string[];
  tags: string[];
  traceLoggingEnabled: boolean;
  cachingEnabled: boolean;
  externalAuthentication: ExternalAuthentication;
  /** The platform user that owns the instance (`user.id` on the wire). */
  userId: number;
}

/** A deep copy, so that what a test or a response holds can never change the store behind its back. */
export const copyInstance = (instance: SandboxInstance): SandboxInstance => structuredClone(instance);
