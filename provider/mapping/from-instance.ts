import {
  type ConfigurationValue,
  type Instance,
  MASKED_VALUE,
  SECRET_CONFIGURATION_KEYS,
  tagNames,
} from "../client/instance-types.js";
import type {
  BoxInstanceInputs,
  BoxInstanceOutputs,
  PassThroughValue,
  SecretFingerprints,
} from "./box-instance-state.js";
import { CONFIG, isManagedConfigurationKey } from "./configuration-keys.js";
import { fingerprint } from "./fingerprint.js";
import { isOwnershipTag, isResourceOwnershipTag } from "./ownership-tag.js";

/** Configuration values this provider knows AMPLIFY holds, by key. */
export type KnownConfiguration = Readonly<Record<string, ConfigurationValue | undefined>>;

/** What the outputs remember that the API cannot tell: secrets are masked there, and intent is not stored. */
export interface CarriedState {
  readonly secretFingerprints: SecretFingerprints;
  readonly passThroughKeys: readonly string[];
  readonly adoptInstanceId?: string | undefined;
  /**
   * What AMPLIFY holds as far as this provider knows: the values it has just sent, else the previous outputs'
   * configuration. Fills in the values the platform answers masked.
   */
  readonly knownConfiguration?: KnownConfiguration | undefined;
  /** The token state holds, for an answer that leaves the token out (whether every answer has it is UNVERIFIED). */
  readonly knownToken?: string | undefined;
}

/** The secret configuration keys whose fingerprint the outputs keep, to notice a change made out of band. */
const FINGERPRINTED_KEYS: Readonly<Record<string, keyof SecretFingerprints>> = {
  [CONFIG.apiSecret]: "apiSecret",
  [CONFIG.signatureKey]: "signatureKey",
};

/**
 * Maps an instance object (docs/amplify-api.md §3.2) to the resource's outputs. Configuration values are kept as the
 * platform's strings. Secrets never keep their value, only whether they are set; a platform that answers one in
 * clear (the 2017 behaviour) updates its fingerprint, so a change made out of band shows. A masked value that is not
 * a secret (newer platforms mask the Box client id) takes the known value, because `"********"` means "unknown,
 * unchanged"; with no known value it stays `"********"`, which diff reads as "assume unchanged".
 */
export function toOutputs(instance: Instance, carried: CarriedState): BoxInstanceOutputs {
  const configuration: Record<string, string | null> = {};
  const secretFingerprints: SecretFingerprints = { ...carried.secretFingerprints };
  for (const [key, raw] of Object.entries(instance.configuration ?? {})) {
    if (raw === undefined) {
      continue;
    }
    const value = raw === null ? null : String(raw);
    if (SECRET_CONFIGURATION_KEYS.includes(key)) {
      const set = value !== null && value !== "";
      configuration[key] = set ? MASKED_VALUE : null;
      const slot = FINGERPRINTED_KEYS[key];
      if (slot !== undefined && set && value !== MASKED_VALUE) {
        secretFingerprints[slot] = fingerprint(value);
      }
    } else if (value === MASKED_VALUE) {
      const known = carried.knownConfiguration?.[key];
      configuration[key] = known === undefined ? MASKED_VALUE : known === null ? null : String(known);
    } else {
      configuration[key] = value;
    }
  }
  const allTags = tagNames(instance);
  const ownershipTag = allTags.find(isResourceOwnershipTag);
  const eventsEnabled = instance.eventsEnabled ?? configuration[CONFIG.eventsEnabled] === "true";
  return {
    instanceId: String(instance.id),
    token: instance.token || carried.knownToken || "",
    name: instance.name,
    elementKey: instance.element?.key ?? "box",
    ...(instance.createdDate === undefined ? {} : { createdDate: instance.createdDate }),
    valid: instance.valid ?? true,
    disabled: instance.disabled ?? false,
    eventsEnabled,
    tags: allTags.filter((tag) => !isOwnershipTag(tag)),
    configuration,
    passThroughKeys: [...carried.passThroughKeys],
    secretFingerprints,
    ...(ownershipTag === undefined ? {} : { ownershipTag }),
    ...(carried.adoptInstanceId === undefined ? {} : { adoptInstanceId: carried.adoptInstanceId }),
  };
}

/** Of a configuration, the values that are not secrets: what may be remembered as known. */
export function nonSecretValues(configuration: KnownConfiguration): Record<string, ConfigurationValue> {
  const values: Record<string, ConfigurationValue> = {};
  for (const [key, value] of Object.entries(configuration)) {
    if (value !== undefined && value !== MASKED_VALUE && !SECRET_CONFIGURATION_KEYS.includes(key)) {
      values[key] = value;
    }
  }
  return values;
}

/**
 * The inputs that would produce what the outputs show, for `read` to return after a refresh: the next preview
 * then compares the program with what AMPLIFY really holds, so drift shows and nothing else does. Secret inputs
 * cannot be read back (the platform masks them) and are left out; diff compares them by fingerprint.
 */
export function toObservedInputs(outputs: BoxInstanceOutputs): Partial<BoxInstanceInputs> {
  const config = outputs.configuration;
  const callbackUrl = config[CONFIG.eventsCallbackUrl];
  const configuration: Record<string, PassThroughValue> = {};
  for (const key of outputs.passThroughKeys) {
    const value = config[key];
    if (value !== undefined && value !== null && !isManagedConfigurationKey(key)) {
      configuration[key] = value;
    }
  }
  return {
    name: outputs.name,
    oauth: {
      apiKey: config[CONFIG.apiKey] ?? "",
      callbackUrl: config[CONFIG.callbackUrl] ?? "",
    } as BoxInstanceInputs["oauth"],
    events: {
      enabled: outputs.eventsEnabled,
      ...(callbackUrl === null || callbackUrl === undefined ? {} : { callbackUrl }),
    },
    tags: [...outputs.tags],
    ...(outputs.passThroughKeys.length === 0 ? {} : { configuration }),
    ...(outputs.ownershipTag === undefined ? {} : { ownershipTag: outputs.ownershipTag }),
    ...(outputs.adoptInstanceId === undefined ? {} : { adoptInstanceId: outputs.adoptInstanceId }),
  };
}
