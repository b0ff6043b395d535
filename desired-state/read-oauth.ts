import { PURPOSE } from "../provider/mapping/input-rules.js";
import type { SecretReference } from "./desired-state.js";
import { OAUTH_KEYS } from "./file-format.js";
import type { OAuthSection } from "./file-sections.js";
import { type Environment, readSecretReference } from "./read-secret-reference.js";
import { readHttpUrl, readString } from "./read-values.js";
import type { MapEntry, YamlReader } from "./yaml-reader.js";

/** `oauth: { apiKey, apiSecret, callbackUrl }`, under `defaults` or an instance. */
export function readOAuth(reader: YamlReader, entry: MapEntry, env: Environment): OAuthSection | undefined {
  const map = reader.mapping(entry.value, entry.path, entry.valueAt, "a mapping: { apiKey, apiSecret, callbackUrl }");
  if (map === undefined) {
    return undefined;
  }
  const written = new Set<string>();
  let apiKey: string | undefined;
  let apiSecret: SecretReference | undefined;
  let callbackUrl: string | undefined;
  for (const field of reader.entries(map, entry.path, { keys: OAUTH_KEYS, label: "oauth" })) {
    written.add(field.key);
    if (field.key === "apiKey") {
      apiKey = readString(reader, field, PURPOSE.apiKey);
    } else if (field.key === "apiSecret") {
      apiSecret = readSecretReference(reader, field, env, "boxClientSecret");
    } else {
      callbackUrl = readHttpUrl(reader, field, PURPOSE.callbackUrl);
    }
  }
  return {
    at: entry.keyAt,
    written,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(apiSecret === undefined ? {} : { apiSecret }),
    ...(callbackUrl === undefined ? {} : { callbackUrl }),
  };
}
