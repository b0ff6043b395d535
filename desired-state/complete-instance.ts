import type { PassThroughValue } from "../provider/mapping/box-instance-state.js";
import { PURPOSE } from "../provider/mapping/input-rules.js";
import type { DesiredInstance, SecretReference, SourcePosition } from "./desired-state.js";
import type { InstanceSections, SharedSections } from "./file-sections.js";
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
  const reportMissing = (property: string, at: SourcePosition, message: string) =>
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
  let complete = true;

  const apiKey = instance.oauth?.apiKey ?? defaults?.oauth?.apiKey;
  const apiSecret = instance.oauth?.apiSecret ?? defaults?.oauth?.apiSecret;
  const callbackUrl = instance.oauth?.callbackUrl ?? defaults?.oauth?.callbackUrl;
  const oauthFields = [
    { field: "apiKey", value: apiKey, kind: "a non-empty string" },
    { field: "apiSecret", value: apiSecret, kind: "a secret reference" },
    { field: "callbackUrl", value: callbackUrl, kind: "an http(s) URL" },
  ] as const;
  for (const { field, value, kind } of oauthFields) {
    if (value === undefined) {
      complete = false;
      if (!unreadable("oauth", field)) {
        const message = `is required: ${kind} (${PURPOSE[field]}), here or under defaults.oauth`;
        reportMissing(`oauth.${field}`, instance.oauth?.at ?? instance.at, message);
      }
    }
  }

  const adoptWritten = instance.written.has("adopt");
  const code = instance.authorization?.code;
  const refreshToken = instance.authorization?.refreshToken;
  if (code === undefined && refreshToken === undefined && !adoptWritten) {
    complete = false;
    if (!instance.written.has("authorization")) {
      reportMissing(
        "authorization",
        instance.at,
        "is required to create an instance: { code: <reference> } with the OAuth grant code from Box (single use), or { refreshToken: <reference> } with an existing Box refresh token, unless adopt takes over an existing instance",
      );
    }
  }
  if ((code !== undefined && refreshToken !== undefined) || (adoptWritten && instance.adopt === undefined)) {
    complete = false; // Already reported where it was written.
  }

  const events = mergeEvents(instance, defaults);
  if (events?.enabled === true && events.callbackUrl === undefined) {
    complete = false;
    if (!unreadable("events", "callbackUrl") && !unreadable("events", "enabled")) {
      const message = `is required when events are enabled: an http(s) URL (${PURPOSE.eventsCallbackUrl})`;
      reportMissing("events.callbackUrl", instance.events?.at ?? instance.at, message);
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
    ...(refreshToken === undefined ? {} : { refreshToken }),
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
