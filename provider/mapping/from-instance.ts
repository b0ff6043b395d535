import { type Instance, MASKED_VALUE, SECRET_CONFIGURATION_KEYS } from "../client/instance-types.js";
import type {
  BoxInstanceInputs,
  BoxInstanceOutputs,
  PassThroughValue,
  SecretFingerprints,
} from "./box-instance-state.js";
import { CONFIG, MANAGED_CONFIGURATION_KEYS } from "./configuration-keys.js";
import { isOwnershipTag, isResourceOwnershipTag } from "./ownership-tag.js";

/** What the outputs remember that the API cannot tell: secrets are masked there, and intent is not stored. */
export interface CarriedState {
  readonly secretFingerprints: SecretFingerprints;
  readonly passThroughKeys: readonly string[];
  readonly adoptInstanceId?: string | undefined;
  /** The previous outputs' configuration, to fill in values the platform masks. */
  readonly previousConfiguration?: Readonly<Record<string, string | null>> | undefined;
}

/**
 * Maps an instance object (amplify-api.md §3.2) to the resource's outputs. Configuration values are kept as the
 * platform's strings; secrets never keep their value, only whether they are set; a masked non-secret value keeps
 * the value already in state, because `"********"` means "unknown, unchanged".
 */
export function toOutputs(instance: Instance, carried: CarriedState): BoxInstanceOutputs {
  const configuration: Record<string, string | null> = {};
  for (const [key, raw] of Object.entries(instance.configuration ?? {})) {
    if (raw === undefined) {
      continue;
    }
    const value = raw === null ? null : String(raw);
    if (SECRET_CONFIGURATION_KEYS.includes(key)) {
      configuration[key] = value === null || value === "" ? null : MASKED_VALUE;
    } else if (value === MASKED_VALUE) {
      const previous = carried.previousConfiguration?.[key];
      if (previous !== undefined) {
        configuration[key] = previous;
      }
    } else {
      configuration[key] = value;
    }
  }
  const allTags = (instance.tags ?? []).map((tag) => (typeof tag === "string" ? tag : tag.name));
  const ownershipTag = allTags.find(isResourceOwnershipTag);
  const eventsEnabled = instance.eventsEnabled ?? configuration[CONFIG.eventsEnabled] === "true";
  return {
    instanceId: String(instance.id),
    token: instance.token ?? "",
    name: instance.name,
    elementKey: instance.element?.key ?? "box",
    ...(instance.createdDate === undefined ? {} : { createdDate: instance.createdDate }),
    valid: instance.valid ?? true,
    disabled: instance.disabled ?? false,
    eventsEnabled,
    tags: allTags.filter((tag) => !isOwnershipTag(tag)),
    configuration,
    passThroughKeys: [...carried.passThroughKeys],
    secretFingerprints: { ...carried.secretFingerprints },
    ...(ownershipTag === undefined ? {} : { ownershipTag }),
    ...(carried.adoptInstanceId === undefined ? {} : { adoptInstanceId: carried.adoptInstanceId }),
  };
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
    if (value !== undefined && value !== null && MANAGED_CONFIGURATION_KEYS[key] === undefined) {
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
