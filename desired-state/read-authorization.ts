import type { SecretReference } from "./desired-state.js";
import { AUTHORIZATION_KEYS } from "./file-format.js";
import type { AuthorizationSection } from "./file-sections.js";
import { type Environment, readSecretReference } from "./read-secret-reference.js";
import type { MapEntry, YamlReader } from "./yaml-reader.js";

/**
 * `authorization: { code: <reference> }` (an OAuth grant code) or `{ refreshToken: <reference> }` (an existing
 * Box refresh token, no browser step), exactly one. The suggested config keys carry the logical name: both are
 * per instance.
 */
export function readAuthorization(
  reader: YamlReader,
  entry: MapEntry,
  env: Environment,
  logicalName: string,
): AuthorizationSection | undefined {
  const map = reader.mapping(
    entry.value,
    entry.path,
    entry.valueAt,
    "a mapping: { code: <reference> } or { refreshToken: <reference> }",
  );
  if (map === undefined) {
    return undefined;
  }
  const fields = reader.entries(map, entry.path, { keys: AUTHORIZATION_KEYS, label: "authorization" });
  const written = new Set(fields.map((field) => field.key));
  if (fields.length > 1) {
    reader.fail(entry.keyAt, entry.path, "takes exactly one of code or refreshToken, not both");
  } else if (map.items.length === 0) {
    reader.fail(
      entry.valueAt,
      entry.path,
      "must be { code: <reference> } or { refreshToken: <reference> }; got an empty mapping",
    );
  }
  const suffix = pascalCase(logicalName);
  let code: SecretReference | undefined;
  let refreshToken: SecretReference | undefined;
  for (const field of fields) {
    if (field.key === "code") {
      code = readSecretReference(reader, field, env, `boxAuthCode${suffix}`);
    } else {
      refreshToken = readSecretReference(reader, field, env, `boxRefreshToken${suffix}`);
    }
  }
  return {
    at: entry.keyAt,
    written,
    ...(code === undefined ? {} : { code }),
    ...(refreshToken === undefined ? {} : { refreshToken }),
  };
}

/** `prod-events` → `ProdEvents`, for suggested config keys such as `boxAuthCodeProdEvents`. */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== "")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}
