import { pascalCase } from "../../desired-state/read-authorization.js";
import {
  type Instance,
  MASKED_VALUE,
  SECRET_CONFIGURATION_KEYS,
  tagNames,
} from "../../provider/client/instance-types.js";
import { redact } from "../../provider/client/redact.js";
import {
  CONFIG,
  isManagedConfigurationKey,
  PLATFORM_DEFAULTS,
  PLATFORM_WRITTEN_KEYS,
} from "../../provider/mapping/configuration-keys.js";
import { SECRET_LOOKING_CONFIGURATION_KEY } from "../../provider/mapping/input-rules.js";
import { isOwnershipTag } from "../../provider/mapping/ownership-tag.js";

/**
 * Keys whose values can carry credentials without a secret-looking name: webhook headers (an Authorization header)
 * and basic-auth settings (docs/amplify-api.md §5). They are left out and listed, never written.
 */
const MAY_HOLD_CREDENTIALS = /^event\.notification\.(callback\.headers|basic\.)/;

/** A pass-through value as the file writes it: `true`/`false` as booleans, everything else as the platform's string. */
export type ImportedValue = string | boolean;

/** What one instance becomes in the desired state: every setting AMPLIFY shows, secrets as config keys only. */
export interface ImportedInstance {
  readonly logicalName: string;
  readonly id: string;
  readonly name: string;
  readonly tags: readonly string[];
  readonly oauth: {
    readonly apiKey: string;
    /** True when AMPLIFY masks the client id and `apiKey` is the one given on the command line. */
    readonly apiKeyGiven: boolean;
    /** The stack config key of the Box app's client secret. */
    readonly apiSecretKey: string;
    readonly callbackUrl: string;
  };
  readonly events: {
    readonly enabled: boolean;
    readonly callbackUrl?: string;
    /** The stack config key of the webhook signature key, when the instance has one. */
    readonly signatureKeyKey?: string;
  };
  readonly configuration: Readonly<Record<string, ImportedValue>>;
  /** Configuration keys not carried, with why: secrets the file has no field for. */
  readonly leftOut: readonly string[];
}

/** A stack config key to set before `pulumi up`, and what it holds. */
export interface SecretToSet {
  readonly key: string;
  readonly holds: string;
  readonly usedBy: readonly string[];
}

export interface ImportOptions {
  /** The client id for instances whose client id AMPLIFY masks (`--api-key`). */
  readonly apiKey: string | undefined;
  /** Logical names already taken (entries of the file merged into). */
  readonly takenNames: ReadonlySet<string>;
  /** Stack config keys the file merged into already references: a new secret must not reuse one by accident. */
  readonly takenSecretKeys?: ReadonlySet<string>;
  /** Client id → the config key the file already uses for that Box app's client secret (its `defaults.oauth`). */
  readonly knownAppSecrets?: ReadonlyMap<string, string>;
}

export type ImportOutcome =
  | { readonly ok: true; readonly instances: readonly ImportedInstance[]; readonly secrets: readonly SecretToSet[] }
  | { readonly ok: false; readonly problem: string };

/**
 * Turns AMPLIFY's instances into desired-state entries that match them, so that adopting them writes nothing.
 * Secrets are never read into the result: only the config keys that will hold them.
 */
export function importInstances(instances: readonly Instance[], options: ImportOptions): ImportOutcome {
  const taken = new Set(options.takenNames);
  const named = instances.map((instance) => ({ instance, logicalName: uniqueLogicalName(instance, taken) }));

  const maskedClientIds = named.filter(({ instance }) => clientIdOf(instance) === MASKED_VALUE);
  if (maskedClientIds.length > 0 && options.apiKey === undefined) {
    const which = maskedClientIds.map(({ instance }) => `${instance.id} "${instance.name}"`).join(", ");
    return {
      ok: false,
      problem: `AMPLIFY masks the Box client id of ${maskedClientIds.length} instance(s) (${which}): give it with --api-key <Client ID of the Box app>`,
    };
  }
  const withoutCallback = named.filter(({ instance }) => !isSet(instance.configuration?.[CONFIG.callbackUrl]));
  if (withoutCallback.length > 0) {
    const which = withoutCallback.map(({ instance }) => `${instance.id} "${instance.name}"`).join(", ");
    return { ok: false, problem: `AMPLIFY shows no oauth.callback.url for ${which}: set it in the console first` };
  }

  // One client secret per Box app: the apps are told apart by client id.
  const apps = new Map<string, string[]>();
  for (const { instance, logicalName } of named) {
    const apiKey = resolvedClientId(instance, options.apiKey);
    apps.set(apiKey, [...(apps.get(apiKey) ?? []), logicalName]);
  }
  // Keys are unique: two logical names can give one PascalCase (box-prod, box_prod), and the file merged into may
  // use a key for another app already. An app the file's defaults already name keeps the file's key.
  const takenKeys = new Set(options.takenSecretKeys ?? []);
  const secretKeyOfApp = new Map<string, string>();
  for (const [apiKey, users] of apps) {
    const known = options.knownAppSecrets?.get(apiKey);
    secretKeyOfApp.set(
      apiKey,
      known ??
        uniqueKey(apps.size === 1 ? "boxClientSecret" : `boxClientSecret${pascalCase(users[0] as string)}`, takenKeys),
    );
  }
  const signatureKeyOf = new Map(
    named
      .filter(({ instance }) => isSet(instance.configuration?.[CONFIG.signatureKey]))
      .map(({ logicalName }) => [logicalName, uniqueKey(`boxWebhookKey${pascalCase(logicalName)}`, takenKeys)]),
  );

  const imported = named.map(({ instance, logicalName }) =>
    importOne(instance, logicalName, options.apiKey, secretKeyOfApp, signatureKeyOf.get(logicalName)),
  );
  const secrets: SecretToSet[] = [...apps].map(([apiKey, users]) => ({
    key: secretKeyOfApp.get(apiKey) as string,
    holds: `the Client Secret of the Box app ${apiKey}`,
    usedBy: users,
  }));
  for (const entry of imported) {
    if (entry.events.signatureKeyKey !== undefined) {
      secrets.push({
        key: entry.events.signatureKeyKey,
        holds: `the webhook signature key of ${entry.logicalName}`,
        usedBy: [entry.logicalName],
      });
    }
  }
  return { ok: true, instances: imported, secrets };
}

function importOne(
  instance: Instance,
  logicalName: string,
  givenApiKey: string | undefined,
  secretKeyOfApp: ReadonlyMap<string, string>,
  signatureKeyKey: string | undefined,
): ImportedInstance {
  const configuration = instance.configuration ?? {};
  const apiKey = resolvedClientId(instance, givenApiKey);
  const eventsCallbackUrl = configuration[CONFIG.eventsCallbackUrl];
  const enabled = configuration[CONFIG.eventsEnabled];
  const passThrough: Record<string, ImportedValue> = {};
  const leftOut: string[] = [];
  for (const [key, raw] of Object.entries(configuration)) {
    if (isManagedConfigurationKey(key) || !isSet(raw)) {
      continue;
    }
    const value = String(raw);
    if (key in PLATFORM_WRITTEN_KEYS && (PLATFORM_WRITTEN_KEYS[key] ?? value) === value) {
      continue;
    }
    if (
      SECRET_CONFIGURATION_KEYS.includes(key) ||
      SECRET_LOOKING_CONFIGURATION_KEY.test(key) ||
      MAY_HOLD_CREDENTIALS.test(key) ||
      value === MASKED_VALUE ||
      redact(value) !== value
    ) {
      leftOut.push(key);
      continue;
    }
    passThrough[key] = value === "true" ? true : value === "false" ? false : value;
  }
  return {
    logicalName,
    id: String(instance.id),
    name: instance.name,
    tags: tagNames(instance).filter((tag) => !isOwnershipTag(tag)),
    oauth: {
      apiKey,
      apiKeyGiven: clientIdOf(instance) === MASKED_VALUE,
      apiSecretKey: secretKeyOfApp.get(apiKey) as string,
      callbackUrl: String(configuration[CONFIG.callbackUrl]),
    },
    events: {
      // A key the platform leaves out holds its documented default, as the provider's plan reads it.
      enabled: String(enabled ?? PLATFORM_DEFAULTS[CONFIG.eventsEnabled]) === "true",
      ...(isSet(eventsCallbackUrl) ? { callbackUrl: String(eventsCallbackUrl) } : {}),
      ...(signatureKeyKey === undefined ? {} : { signatureKeyKey }),
    },
    configuration: passThrough,
    leftOut,
  };
}

/** `base`, or `base2`, `base3`, ... : the first not in `taken`, which it joins. */
function uniqueKey(base: string, taken: Set<string>): string {
  let candidate = base;
  for (let n = 2; taken.has(candidate); n += 1) {
    candidate = `${base}${n}`;
  }
  taken.add(candidate);
  return candidate;
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== "";

const clientIdOf = (instance: Instance): string => String(instance.configuration?.[CONFIG.apiKey] ?? "");

function resolvedClientId(instance: Instance, given: string | undefined): string {
  const shown = clientIdOf(instance);
  return shown === MASKED_VALUE ? (given as string) : shown;
}

/**
 * A logical name from the instance's name (`Box (production)` → `box-production`), valid for the file and unique
 * among `taken`, which it joins. A name with nothing usable gives `box-<id>`.
 */
export function uniqueLogicalName(instance: Pick<Instance, "id" | "name">, taken: Set<string>): string {
  const slug = instance.name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .slice(0, 60)
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
  const base = slug === "" ? `box-${instance.id}` : slug;
  let candidate = base;
  for (let n = 2; taken.has(candidate); n += 1) {
    candidate = `${base}-${n}`;
  }
  taken.add(candidate);
  return candidate;
}
