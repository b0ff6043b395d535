/**
 * The desired state of one Box connector instance as the dynamic provider receives it (plain JSON: the engine
 * unwraps secrets before calling the provider), and the outputs it records in state.
 * The JSDoc of the public inputs lives on `BoxConnectorInstanceArgs`; these are the wire shapes.
 */

export type PassThroughValue = string | number | boolean;

export interface BoxInstanceInputs {
  name?: string;
  /** Set by the resource class: the logical name, the stem of an auto-generated `name`. */
  autoNamePrefix?: string;
  /** Set by the resource class: the tag that marks the instance as this resource's (see ownership-tag.ts). */
  ownershipTag?: string;
  authorizationCode?: string;
  /** Provisioning without the browser step (docs/amplify-api.md §3.1): an existing Box refresh token. */
  refreshToken?: string;
  oauth: { apiKey: string; apiSecret: string; callbackUrl: string };
  events?: { enabled?: boolean; callbackUrl?: string; signatureKey?: string };
  tags?: string[];
  configuration?: Record<string, PassThroughValue>;
  adoptInstanceId?: string;
}

/** Fingerprints of the secret inputs last applied: diff compares secrets without keeping them (fingerprint.ts). */
export interface SecretFingerprints {
  authorizationCode?: string;
  refreshToken?: string;
  apiSecret?: string;
  signatureKey?: string;
}

export interface BoxInstanceOutputs {
  /** The AMPLIFY instance id as a decimal string; equal to the resource id. */
  instanceId: string;
  /** Secret (additionalSecretOutputs). The instance token for `Element <token>` calls. */
  token: string;
  name: string;
  elementKey: string;
  createdDate?: string;
  valid: boolean;
  disabled: boolean;
  eventsEnabled: boolean;
  /** The user's tags, without the ownership tag. */
  tags: string[];
  /**
   * Configuration as AMPLIFY returns it: strings, `null` for unset keys. Secret keys appear only as `"********"`
   * (set) or `null` (unset), never with their value.
   */
  configuration: Record<string, string | null>;
  /** The pass-through configuration keys this resource manages, so that removing one from the inputs resets it. */
  passThroughKeys: string[];
  /** Secret (additionalSecretOutputs). */
  secretFingerprints: SecretFingerprints;
  ownershipTag?: string;
  adoptInstanceId?: string;
}
