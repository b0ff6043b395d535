/**
 * The desired state of one Box connector instance as the dynamic provider receives it (plain JSON: the engine
 * unwraps secrets before calling the provider), and the outputs it records in state.
 * The JSDoc of the public inputs lives on `BoxConnectorInstanceArgs`; these are the wire shapes.
 */

import type { LegacyFingerprints, SecretDigests } from "./secret-digests.js";

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

/**
 * What the provider records in state per instance, and nothing it can derive: the resource class derives
 * `instanceId` (the resource id), `elementKey` (always `box`) and `eventsEnabled` (from `configuration`).
 * BENCHMARKS.md accounts for every byte of it.
 */
export interface BoxInstanceOutputs {
  /** Secret (additionalSecretOutputs). The instance token for `Element <token>` calls; also keys secretDigests. */
  token: string;
  name: string;
  createdDate?: string;
  /** Recorded when `false` only (the class reads a missing one as `true`); earlier releases always did. */
  valid?: boolean;
  /** Recorded when `true` only (the class reads a missing one as `false`); earlier releases always did. */
  disabled?: boolean;
  /** The user's tags, without the ownership tags. */
  tags: string[];
  /**
   * The configuration this resource manages, as AMPLIFY holds it (strings): the typed keys (`oauth.api.key`,
   * `oauth.callback.url`, `event.notification.*` but the signature key) and the pass-through keys, which are the
   * keys here that no typed input owns. Unset keys are left out. Secrets are never here (secretDigests says what
   * diff needs of them), nor are the keys the platform writes for itself.
   */
  configuration: Record<string, string | null>;
  /** Keyed digests of the secret inputs last applied (secret-digests.ts); absent when the token is unknown. */
  secretDigests?: SecretDigests;
  ownershipTag?: string;
  adoptInstanceId?: string;
  /**
   * State written by earlier releases: a secret map of unkeyed fingerprints, and the pass-through keys listed
   * apart. Read, carried until the next write, never written.
   */
  secretFingerprints?: LegacyFingerprints;
  passThroughKeys?: string[];
}
