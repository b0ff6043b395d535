import type { PassThroughValue } from "../mapping/box-instance-state.js";
import type { DesiredInstance, SecretReference } from "./desired-state.js";
import type { InstanceSections, SharedSections } from "./file-sections.js";
import { EVENTS_CALLBACK_PURPOSE } from "./read-events.js";
import { OAUTH_PURPOSE } from "./read-oauth.js";
import type { YamlReader } from "./yaml-reader.js";

/**
 * Merges `defaults` into an instance (the instance wins; tags are the union, defaults first; configuration is
 * merged key by key) and reports what is still missing. A field written wrong is not reported again as missing.
 */
export function completeInstance(
  reader: YamlReader,
  instance: InstanceSections,
  defaults: SharedSections | undefined,
): DesiredInstance | undefined {
  const missing =
    (property: string, at = instance.at) =>
    (message: string) =>
      reader.fail(at, `${instance.path}.${property}`, message);
  // Written, but wrong: the problem is already reported, and a "missing" on top of it would only add noise.
  const unreadable = (section: "oauth" | "events", field: string): boolean =>
    [instance, defaults].some((source) => {
      const values = source?.[section] as Readonly<Record<string, unknown>> | undefined;
      return (
        source !== undefined &&
        ((source.written.has(section) && values === undefined) ||
          (source[section]?.written.has(field) === true && values?.[field] === undefined))
      );
    });

  const oauthAt = instance.oauth?.at ?? instance.at;
  const apiKey = instance.oauth?.apiKey ?? defaults?.oauth?.apiKey;
  const apiSecret = instance.oauth?.apiSecret ?? defaults?.oauth?.apiSecret;
  const callbackUrl = instance.oauth?.callbackUrl ?? defaults?.oauth?.callbackUrl;
  let complete = true;
  const require = (value: unknown, field: keyof typeof OAUTH_PURPOSE, kind: string) => {
    if (value === undefined) {
      complete = false;
      if (!unreadable("oauth", field)) {
        missing(
          `oauth.${field}`,
          oauthAt,
        )(`is required: ${kind} (${OAUTH_PURPOSE[field]}), here or under defaults.oauth`);
      }
    }
  };
  require(apiKey, "apiKey", "a non-empty string");
  require(apiSecret, "apiSecret", "a secret reference");
  require(callbackUrl, "callbackUrl", "an http(s) URL");

  const adoptWritten = instance.written.has("adopt");
  const authorizationWritten = instance.written.has("authorization");
  const code = instance.authorization?.code;
  if (code === undefined && !adoptWritten) {
    complete = false;
    if (!authorizationWritten) {
      missing("authorization")(
        "is required to create an instance: { code: <reference> } with the OAuth grant code from Box (single use), unless adopt takes over an existing instance",
      );
    }
  }
  if (instance.authorization?.refreshToken !== undefined || (adoptWritten && instance.adopt === undefined)) {
    complete = false; // Already reported where it was written.
  }

  const events = mergeEvents(instance, defaults);
  if (events?.enabled === true && events.callbackUrl === undefined) {
    complete = false;
    if (!unreadable("events", "callbackUrl") && !unreadable("events", "enabled")) {
      missing(
        "events.callbackUrl",
        instance.events?.at ?? instance.at,
      )(`is required when events are enabled: an http(s) URL (${EVENTS_CALLBACK_PURPOSE})`);
    }
  }

  if (!complete || apiKey === undefined || apiSecret === undefined || callbackUrl === undefined) {
    return undefined;
  }
  const tags = mergeTags(defaults?.tags, instance.tags);
  const configuration = mergeConfiguration(defaults?.configuration, instance.configuration);
  return {
    logicalName: instance.logicalName,
    ...(instance.name === undefined ? {} : { name: instance.name.value }),
    ...(code === undefined ? {} : { authorizationCode: code }),
    oauth: { apiKey, apiSecret, callbackUrl },
    ...(events === undefined ? {} : { events }),
    ...(tags === undefined ? {} : { tags }),
    ...(configuration === undefined ? {} : { configuration }),
    ...(instance.adopt === undefined ? {} : { adopt: instance.adopt }),
  };
}

function mergeEvents(
  instance: SharedSections,
  defaults: SharedSections | undefined,
): DesiredInstance["events"] | undefined {
  const own = instance.events;
  const shared = defaults?.events;
  if (own === undefined && shared === undefined) {
    return undefined;
  }
  const callbackUrl = own?.callbackUrl ?? shared?.callbackUrl;
  const signatureKey: SecretReference | undefined = own?.signatureKey ?? shared?.signatureKey;
  return {
    enabled: own?.enabled ?? shared?.enabled ?? false,
    ...(callbackUrl === undefined ? {} : { callbackUrl }),
    ...(signatureKey === undefined ? {} : { signatureKey }),
  };
}

function mergeTags(shared?: readonly string[], own?: readonly string[]): readonly string[] | undefined {
  if (shared === undefined && own === undefined) {
    return undefined;
  }
  return [...new Set([...(shared ?? []), ...(own ?? [])])];
}

function mergeConfiguration(
  shared?: Readonly<Record<string, PassThroughValue>>,
  own?: Readonly<Record<string, PassThroughValue>>,
): Readonly<Record<string, PassThroughValue>> | undefined {
  if (shared === undefined && own === undefined) {
    return undefined;
  }
  return { ...shared, ...own };
}
