import {
  type ConfigurationValue,
  type Instance,
  MASKED_VALUE,
  SECRET_CONFIGURATION_KEYS,
  tagNames,
} from "../client/instance-types.js";
import type { BoxInstanceInputs, BoxInstanceOutputs, InstanceStatus, PassThroughValue } from "./box-instance-state.js";
import { CONFIG, isManagedConfigurationKey, PLATFORM_DEFAULTS } from "./configuration-keys.js";
import { isOwnershipTag, isResourceOwnershipTag } from "./ownership-tag.js";
import {
  digestSecrets,
  isTokenKeyed,
  legacyFingerprint,
  type RecordedSecrets,
  SET_ELSEWHERE,
  type SecretDigests,
  type SecretField,
  type SecretValues,
  secretDigest,
} from "./secret-digests.js";

/** Configuration values this provider knows AMPLIFY holds, by key. */
export type KnownConfiguration = Readonly<Record<string, ConfigurationValue | undefined>>;

/** What the outputs remember that the API cannot tell: secrets are masked there, and intent is not stored. */
export interface CarriedState {
  /**
   * The secret values AMPLIFY holds as far as this provider knows, after a write (sent, or taken to be the inputs'):
   * their digests are made with the token of the answer. Without it (a read), the recorded digests are carried.
   */
  readonly heldSecrets?: SecretValues | undefined;
  /** The previous outputs' digests (or legacy fingerprints) and the token that keys them. */
  readonly recorded?: RecordedSecrets | undefined;
  /** The pass-through configuration keys this resource manages. */
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

/** The configuration keys a typed input manages whose values the outputs keep (secrets are kept as digests). */
const TYPED_KEYS: readonly string[] = [
  CONFIG.apiKey,
  CONFIG.callbackUrl,
  CONFIG.eventsEnabled,
  CONFIG.eventsCallbackUrl,
];

/** Keys every Box instance holds a value for: an answer of `null` for them is kept, since it is news. */
const ALWAYS_HELD: readonly string[] = [CONFIG.apiKey, CONFIG.callbackUrl];

/** The secret configuration keys the inputs set, by the field whose digest the outputs keep. */
const DIGESTED_KEYS: Readonly<Record<string, SecretField>> = {
  [CONFIG.apiSecret]: "apiSecret",
  [CONFIG.signatureKey]: "signatureKey",
};

/** The pass-through keys recorded outputs manage: the keys of their configuration that no typed input owns. */
export function passThroughKeysOf(outputs: Pick<BoxInstanceOutputs, "configuration" | "passThroughKeys">): string[] {
  const keys = outputs.passThroughKeys ?? Object.keys(outputs.configuration ?? {});
  return keys.filter((key) => !isManagedConfigurationKey(key));
}

/**
 * Maps an instance object (docs/amplify-api.md §3.2) to what state records of it (BoxInstanceOutputs). Configuration
 * values are kept as the platform's strings, for the keys this resource manages only. Secrets never keep their value:
 * after a write the outputs keep digests of what was applied; a read carries the recorded ones, and a platform that
 * answers a secret in clear (the 2017 behaviour) replaces its digest, so a change made out of band shows. A masked
 * value that is not a secret (newer platforms mask the Box client id) takes the known value, because `"********"`
 * means "unknown, unchanged"; with no known value it stays `"********"`, which diff reads as "assume unchanged".
 */
export function toOutputs(instance: Instance, carried: CarriedState): BoxInstanceOutputs {
  const token = instance.token || carried.knownToken || "";
  const kept = new Set([...TYPED_KEYS, ...carried.passThroughKeys]);
  const configuration: Record<string, string | null> = {};
  const answered = instance.configuration ?? {};
  for (const key of kept) {
    const raw = answered[key];
    if (raw === undefined || isManagedSecret(key)) {
      continue;
    }
    const value = raw === null ? null : String(raw);
    if (value === MASKED_VALUE) {
      const known = carried.knownConfiguration?.[key];
      configuration[key] = known === undefined ? MASKED_VALUE : known === null ? null : String(known);
    } else if (value !== null || ALWAYS_HELD.includes(key)) {
      configuration[key] = value;
    }
  }
  const allTags = tagNames(instance);
  const ownershipTag = allTags.find(isResourceOwnershipTag);
  const recorded = secretsRecord(instance, token, carried);
  return {
    token,
    name: instance.name,
    ...statusOf(instance),
    tags: allTags.filter((tag) => !isOwnershipTag(tag)),
    configuration,
    ...recorded,
    ...(ownershipTag === undefined ? {} : { ownershipTag }),
    ...(carried.adoptInstanceId === undefined ? {} : { adoptInstanceId: carried.adoptInstanceId }),
  };
}

/** What the instance reports of its state, each field only when it says something (InstanceStatus). */
function statusOf(instance: Instance): Pick<BoxInstanceOutputs, "status"> {
  const status: InstanceStatus = {
    ...(instance.createdDate === undefined ? {} : { createdDate: instance.createdDate }),
    ...(instance.valid === false ? { valid: false as const } : {}),
    ...(instance.disabled === true ? { disabled: true as const } : {}),
  };
  return Object.keys(status).length === 0 ? {} : { status };
}

const isManagedSecret = (key: string): boolean => SECRET_CONFIGURATION_KEYS.includes(key);

/**
 * The digests the outputs keep. After a write: the held secrets under the answer's token. After a read: the recorded
 * digests, updated by what the answer shows of the secrets (cleared when unset, a digest when answered in clear). A
 * token rotated out of band (a re-authentication elsewhere) leaves the token-keyed digests unverifiable: they are
 * dropped, and the next up sends those secrets once more; the grants' digests are unkeyed and stay.
 */
function secretsRecord(
  instance: Instance,
  token: string,
  carried: CarriedState,
): Pick<BoxInstanceOutputs, "secretDigests" | "secretFingerprints"> {
  const recorded = carried.recorded;
  if (carried.heldSecrets === undefined && recorded?.secretDigests === undefined && recorded?.secretFingerprints) {
    // Written by an earlier release: kept in its own form (still a secret in state) until the next write, but what
    // the answer shows of the secrets updates it as it would the digests.
    const fingerprints = { ...recorded.secretFingerprints };
    applyAnswered(instance, fingerprints, (_field, value) => legacyFingerprint(value));
    return { secretFingerprints: fingerprints };
  }
  const digests: SecretDigests =
    carried.heldSecrets !== undefined ? digestSecrets(token, carried.heldSecrets) : { ...recorded?.secretDigests };
  if (carried.heldSecrets === undefined && recorded?.token !== token) {
    for (const field of Object.keys(digests) as SecretField[]) {
      if (isTokenKeyed(field)) {
        delete digests[field];
      }
    }
  }
  if (token !== "") {
    applyAnswered(instance, digests, (field, value) => secretDigest(token, field, value));
  }
  return { secretDigests: digests };
}

/**
 * What an answer shows of the secret configuration, applied to a record of it: an unset secret is forgotten, one
 * answered in clear is recorded as answered, and a masked signature key the record does not know is set elsewhere.
 */
function applyAnswered(
  instance: Instance,
  record: Partial<Record<SecretField, string>>,
  recordOf: (field: SecretField, value: string) => string,
): void {
  for (const [key, field] of Object.entries(DIGESTED_KEYS)) {
    const raw = instance.configuration?.[key];
    if (raw === undefined) {
      continue;
    }
    const value = raw === null ? "" : String(raw);
    if (value === "") {
      delete record[field];
    } else if (value !== MASKED_VALUE) {
      record[field] = recordOf(field, value);
    } else if (record[field] === undefined && field === "signatureKey") {
      record[field] = SET_ELSEWHERE;
    }
  }
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
  const passThroughKeys = passThroughKeysOf(outputs);
  const configuration: Record<string, PassThroughValue> = {};
  for (const key of passThroughKeys) {
    const value = config[key];
    if (value !== undefined && value !== null) {
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
      enabled: (config[CONFIG.eventsEnabled] ?? PLATFORM_DEFAULTS[CONFIG.eventsEnabled]) === "true",
      ...(callbackUrl === null || callbackUrl === undefined ? {} : { callbackUrl }),
    },
    tags: [...outputs.tags],
    ...(passThroughKeys.length === 0 ? {} : { configuration }),
    ...(outputs.ownershipTag === undefined ? {} : { ownershipTag: outputs.ownershipTag }),
    ...(outputs.adoptInstanceId === undefined ? {} : { adoptInstanceId: outputs.adoptInstanceId }),
  };
}
