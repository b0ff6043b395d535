import { type ConfigurationValue, type InstancePatchBody, MASKED_VALUE } from "../client/instance-types.js";
import type { BoxInstanceInputs, BoxInstanceOutputs } from "./box-instance-state.js";
import { isDefaultName, isUnknown } from "./check-inputs.js";
import { CONFIG, PLATFORM_DEFAULTS } from "./configuration-keys.js";
import { passThroughKeysOf } from "./from-instance.js";
import { compareSecret, isRecorded, type SecretField, type SecretValues } from "./secret-digests.js";
import { desiredConfiguration, desiredTags } from "./to-create-body.js";

/** How to take an instance from what the outputs record to what the inputs ask for. */
export interface UpdatePlan {
  /** Top-level inputs whose change is applied in place, in a stable order. */
  readonly changed: string[];
  /** Top-level inputs whose change replaces the instance. */
  readonly replaces: string[];
  /** The `PATCH /instances/{id}` body; empty when nothing needs sending. */
  readonly patch: InstancePatchBody;
  /** The secrets AMPLIFY holds once the patch is applied: their digests go into the outputs. */
  readonly heldSecrets: SecretValues;
}

/** Thrown at preview when a plan could only fail at apply time; the message says what to do. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.message = message;
    this.name = "PlanError";
  }
}

/**
 * Compares the desired inputs with the recorded outputs (which a refresh keeps equal to what AMPLIFY holds).
 * Everything updates in place: `name`, `tags`, `oauth.*`, `events.*`, `configuration` through a PATCH of just the
 * changed keys, and `authorizationCode` by re-authenticating the same instance (docs/amplify-api.md §3.3). Only pointing
 * `adoptInstanceId` at another instance replaces: that is another object, not a change to this one.
 */
export function planUpdate(id: string, olds: BoxInstanceOutputs, news: BoxInstanceInputs): UpdatePlan {
  const changed = new Set<string>();
  const patch: InstancePatchBody = {};
  const configuration: Record<string, ConfigurationValue> = {};
  const observed = olds.configuration ?? {};
  // Token-keyed digests need the token: without one (an answer never carried it) those secrets are taken to be
  // unchanged, as a masked value is.
  const comparable = Boolean(olds.token) || olds.secretFingerprints !== undefined;
  const secretChanged = (field: SecretField, value: string): boolean => {
    const comparison = compareSecret(olds, field, value);
    return comparison === "different" || (comparison === "unrecorded" && comparable);
  };
  // A grant state has no digest of was never applied to this instance by this resource (an adopted instance, a
  // grant added later): it is sent. Grant digests are unkeyed, so a rotated token leaves them in place.
  const grantChanged = (field: SecretField, value: string): boolean => compareSecret(olds, field, value) !== "same";

  const bothDefault = isDefaultName(news.name, news.autoNamePrefix) && isDefaultName(olds.name, news.autoNamePrefix);
  if (isUnknown(news.name) || (news.name !== olds.name && !bothDefault)) {
    changed.add("name");
    if (!isUnknown(news.name) && news.name !== undefined) {
      patch.name = news.name;
    }
  }

  const wantedTags = desiredTags(news);
  // What the instance has, from the outputs, which keep the resource tag but not the stack tag: an instance made
  // before stack tags existed gets one with its next tag change, not with a diff of its own.
  const haveTags = desiredTags({ tags: olds.tags, ownershipTag: olds.ownershipTag });
  // An adopted instance gets its ownership tags with the first write it needs, never with a write of its own:
  // adopting an instance that already matches writes nothing (see the end of this function).
  const untaggedAdoption =
    (news.adoptInstanceId ?? olds.adoptInstanceId) !== undefined && olds.ownershipTag === undefined;
  const comparedTags = untaggedAdoption ? desiredTags({ tags: news.tags }) : wantedTags;
  if (wantedTags.some(isUnknown) || isUnknown(news.tags) || !sameSet(comparedTags, haveTags)) {
    changed.add("tags");
    patch.tags = wantedTags;
  }

  // Typed configuration: compare with the platform's strings; secrets by digest, and by presence for drift.
  const wanted = isUnknown(news.oauth) ? undefined : desiredConfiguration(withEventDefaults(news));
  const compare = (key: string, property: string) => {
    const desired = wanted?.[key] ?? null;
    if (wanted === undefined || isUnknown(desired) || !sameValue(key, observed[key], desired)) {
      changed.add(property);
      configuration[key] = desired;
    }
  };
  compare(CONFIG.apiKey, "oauth");
  compare(CONFIG.callbackUrl, "oauth");
  compare(CONFIG.eventsEnabled, "events");
  compare(CONFIG.eventsCallbackUrl, "events");

  const apiSecret = news.oauth?.apiSecret;
  if (typeof apiSecret === "string" && !isUnknown(apiSecret)) {
    if (secretChanged("apiSecret", apiSecret)) {
      changed.add("oauth");
      configuration[CONFIG.apiSecret] = apiSecret;
    }
  } else if (isUnknown(apiSecret)) {
    changed.add("oauth");
  }

  const signatureKey = news.events?.signatureKey;
  // Whether AMPLIFY holds one: state keeps a digest of a set key (a refresh records one set elsewhere); state of
  // earlier releases kept the masked value in the configuration instead.
  const signatureKeySet =
    olds.secretDigests !== undefined
      ? isRecorded(olds, "signatureKey")
      : observed[CONFIG.signatureKey] === MASKED_VALUE || isRecorded(olds, "signatureKey");
  if (signatureKey === undefined) {
    if (signatureKeySet) {
      changed.add("events");
      configuration[CONFIG.signatureKey] = null;
    }
  } else if (isUnknown(signatureKey)) {
    changed.add("events");
  } else if (secretChanged("signatureKey", signatureKey) || (comparable && !signatureKeySet)) {
    changed.add("events");
    configuration[CONFIG.signatureKey] = signatureKey;
  }

  // Pass-through configuration: set what differs, reset what the inputs no longer name.
  const passThrough = news.configuration ?? {};
  if (isUnknown(news.configuration)) {
    changed.add("configuration");
  } else {
    for (const [key, value] of Object.entries(passThrough)) {
      if (isUnknown(value) || !sameValue(key, observed[key], value)) {
        changed.add("configuration");
        configuration[key] = value;
      }
    }
    for (const key of passThroughKeysOf(olds)) {
      if (!(key in passThrough) && observed[key] !== null && observed[key] !== undefined) {
        changed.add("configuration");
        configuration[key] = null;
      }
    }
  }

  // Re-authentication: a new grant code re-authorizes the same instance; a new Box app needs one.
  const code = news.authorizationCode;
  if (isUnknown(code)) {
    changed.add("authorizationCode");
  } else if (code !== undefined && grantChanged("authorizationCode", code)) {
    changed.add("authorizationCode");
    patch.providerData = { code };
  }
  const refreshToken = news.refreshToken;
  if (isUnknown(refreshToken)) {
    changed.add("refreshToken");
  } else if (refreshToken !== undefined && grantChanged("refreshToken", refreshToken)) {
    changed.add("refreshToken");
    configuration[CONFIG.refreshToken] = refreshToken;
  }
  const reauthorized = patch.providerData !== undefined || CONFIG.refreshToken in configuration;
  const apiKeyChanged = CONFIG.apiKey in configuration && !isUnknownValue(CONFIG.apiKey, observed[CONFIG.apiKey]);
  if (apiKeyChanged && !reauthorized && !isUnknown(code) && !isUnknown(refreshToken)) {
    throw new PlanError(
      `changing oauth.apiKey moves instance ${id} to another Box app, which needs a fresh authorizationCode issued ` +
        "for that app (or a refreshToken from it): the code in the inputs was already used (grant codes are single use). Get a new code and set it.",
    );
  }

  if (Object.keys(configuration).length > 0) {
    patch.configuration = configuration;
  }
  if (untaggedAdoption && patch.tags === undefined && Object.keys(patch).length > 0) {
    patch.tags = wantedTags;
  }

  const replaces =
    news.adoptInstanceId !== undefined && (isUnknown(news.adoptInstanceId) || news.adoptInstanceId !== id)
      ? ["adoptInstanceId"]
      : [];
  const order = ["name", "authorizationCode", "refreshToken", "oauth", "events", "tags", "configuration"];
  return {
    changed: order.filter((property) => changed.has(property)),
    replaces,
    patch,
    heldSecrets: heldSecretsOf(news),
  };
}

/**
 * The secrets AMPLIFY holds once a plan for `inputs` is applied, as far as this provider knows: each one either
 * compared equal or was sent. A value not known yet (preview) is left out.
 */
export function heldSecretsOf(inputs: BoxInstanceInputs): SecretValues {
  const values: Record<SecretField, unknown> = {
    authorizationCode: inputs.authorizationCode,
    refreshToken: inputs.refreshToken,
    apiSecret: inputs.oauth?.apiSecret,
    signatureKey: inputs.events?.signatureKey,
  };
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => typeof value === "string" && !isUnknown(value)),
  ) as SecretValues;
}

/** Absent `events` means events off, as on a new instance: an out-of-band switch-on shows as drift. */
export function withEventDefaults(inputs: BoxInstanceInputs): BoxInstanceInputs {
  return { ...inputs, events: { enabled: false, ...inputs.events } };
}

/**
 * Keys every Box instance holds a value for: missing from the outputs, they were never recorded (state written by
 * a release that dropped masked values), not unset.
 */
const ALWAYS_HELD: readonly string[] = [CONFIG.apiKey, CONFIG.callbackUrl];

/** A value of AMPLIFY's that this provider does not know: answered masked, or a held key never recorded. */
function isUnknownValue(key: string, observed: string | null | undefined): boolean {
  return observed === MASKED_VALUE || (observed === undefined && ALWAYS_HELD.includes(key));
}

/**
 * Whether AMPLIFY's value of `key` is the desired one. An unknown value (`"********"` is "unknown, unchanged",
 * docs/amplify-api.md §3.2) is taken as unchanged, since sending it could only be a write that changes nothing or, for
 * the client id, one that needs a re-authentication. That holds for an adopted instance too: what its platform
 * masks is taken to be what the inputs say. A key the platform does not answer at all holds its documented default.
 */
function sameValue(key: string, observed: string | null | undefined, desired: ConfigurationValue): boolean {
  if (isUnknownValue(key, observed)) {
    return true;
  }
  const value = observed ?? PLATFORM_DEFAULTS[key] ?? null;
  if (desired === null) {
    return value === null || value === "";
  }
  return value === String(desired);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
}
