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
 * `instanceId` (the resource id), `elementKey` (always `box`), `eventsEnabled` (from `configuration`), and
 * `createdDate`, `valid` and `disabled` (from `status`).
 * BENCHMARKS.md accounts for every byte of it.
 */
export interface BoxInstanceOutputs {
  /** Secret (additionalSecretOutputs). The instance token for `Element <token>` calls; also keys secretDigests. */
  token: string;
  name: string;
  /** What AMPLIFY reports of the instance's state; absent when it reports none of it. */
  status?: InstanceStatus;
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
   * apart. Read, carried until the next write, never written. (Their `instanceId`, `elementKey`, `eventsEnabled`,
   * `createdDate`, `valid` and `disabled` are ignored.)
   */
  secretFingerprints?: LegacyFingerprints;
  passThroughKeys?: string[];
}

/** The instance's state as AMPLIFY reports it, each field only when it says something. */
export interface InstanceStatus {
  createdDate?: string;
  /** Recorded when `false` only: a missing one reads as `true`. */
  valid?: false;
  /** Recorded when `true` only: a missing one reads as `false`. */
  disabled?: true;
}
