import { PURPOSE } from "../provider/mapping/input-rules.js";
import type { SecretReference } from "./desired-state.js";
import { EVENTS_KEYS } from "./file-format.js";
import type { EventsSection } from "./file-sections.js";
import { type Environment, readSecretReference } from "./read-secret-reference.js";
import { readBoolean, readHttpUrl } from "./read-values.js";
import type { MapEntry, YamlReader } from "./yaml-reader.js";

/** `events: { enabled, callbackUrl, signatureKey }`, under `defaults` or an instance. */
export function readEvents(reader: YamlReader, entry: MapEntry, env: Environment): EventsSection | undefined {
  const map = reader.mapping(
    entry.value,
    entry.path,
    entry.valueAt,
    "a mapping: { enabled, callbackUrl, signatureKey }",
  );
  if (map === undefined) {
    return undefined;
  }
  const written = new Set<string>();
  let enabled: boolean | undefined;
  let callbackUrl: string | undefined;
  let signatureKey: SecretReference | undefined;
  for (const field of reader.entries(map, entry.path, { keys: EVENTS_KEYS, label: "events" })) {
    written.add(field.key);
    if (field.key === "enabled") {
      enabled = readBoolean(reader, field);
    } else if (field.key === "callbackUrl") {
      callbackUrl = readHttpUrl(reader, field, PURPOSE.eventsCallbackUrl);
    } else {
      signatureKey = readSecretReference(reader, field, env, "boxWebhookKey");
    }
  }
  return {
    at: entry.keyAt,
    written,
    ...(enabled === undefined ? {} : { enabled }),
    ...(callbackUrl === undefined ? {} : { callbackUrl }),
    ...(signatureKey === undefined ? {} : { signatureKey }),
  };
}
