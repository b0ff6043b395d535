import { isScalar } from "yaml";
import type { SecretReference, SourcePosition } from "./desired-state.js";
import { CONFIG_KEY_PATTERN, ENV_NAME_PATTERN, SECRET_REFERENCE_KEYS } from "./file-format.js";
import { scalarValue } from "./read-values.js";
import { describe, type MapEntry, type YamlReader } from "./yaml-reader.js";

/** Where `{ env: NAME }` references are looked up. */
export type Environment = Readonly<Record<string, string | undefined>>;

const SHAPE = "{ secret: <stack config key> } or { env: <VARIABLE> }";

/**
 * A secret field: only a reference is accepted. A literal is refused with the commands that move it into stack
 * config, named after `suggestedKey`; the literal itself is never repeated.
 */
export function readSecretReference(
  reader: YamlReader,
  entry: MapEntry,
  env: Environment,
  suggestedKey: string,
): SecretReference | undefined {
  const node = entry.value;
  if (isScalar(node) && node.value !== null && node.value !== undefined) {
    reader.fail(
      entry.valueAt,
      entry.path,
      `secrets may not be written in the file; run \`pulumi config set --secret ${suggestedKey} <value>\` and write { secret: ${suggestedKey} }`,
    );
    return undefined;
  }
  const map = reader.mapping(node, entry.path, entry.valueAt, SHAPE);
  if (map === undefined) {
    return undefined;
  }
  const entries = reader.entries(map, entry.path, {
    keys: SECRET_REFERENCE_KEYS,
    label: "a secret reference",
    hideUnknownKeys: true,
  });
  if (entries.length === 0 && map.items.length === 0) {
    reader.fail(entry.valueAt, entry.path, `must be ${SHAPE}; got an empty mapping`);
    return undefined;
  }
  if (entries.length > 1) {
    reader.fail(entry.valueAt, entry.path, "takes exactly one of secret or env, not both");
    return undefined;
  }
  const [only] = entries;
  if (only === undefined) {
    return undefined; // Every key was unknown, and each was reported.
  }
  return only.key === "secret"
    ? readConfigReference(reader, only, entry.path, only.valueAt)
    : readEnvReference(reader, only, env, entry.path, only.valueAt);
}

function readConfigReference(
  reader: YamlReader,
  entry: MapEntry,
  path: string,
  at: SourcePosition,
): SecretReference | undefined {
  const value = scalarValue(entry.value);
  if (typeof value !== "string" || !CONFIG_KEY_PATTERN.test(value)) {
    const got = typeof value === "string" && value !== "" ? "a string that is not a config key" : describe(entry.value);
    reader.fail(
      entry.valueAt,
      entry.path,
      `must be a stack config key such as boxClientSecret or namespace:boxClientSecret (letters, digits, ".", "_", "-"); got ${got}`,
    );
    return undefined;
  }
  const colon = value.indexOf(":");
  return {
    kind: "config",
    namespace: colon === -1 ? undefined : value.slice(0, colon),
    key: colon === -1 ? value : value.slice(colon + 1),
    path,
    at,
  };
}

function readEnvReference(
  reader: YamlReader,
  entry: MapEntry,
  env: Environment,
  path: string,
  at: SourcePosition,
): SecretReference | undefined {
  const name = scalarValue(entry.value);
  if (typeof name !== "string" || !ENV_NAME_PATTERN.test(name)) {
    const got =
      typeof name === "string" && name !== "" ? "a string that is not a variable name" : describe(entry.value);
    reader.fail(
      entry.valueAt,
      entry.path,
      `must be an environment variable name such as BOX_CLIENT_SECRET (letters, digits, "_"); got ${got}`,
    );
    return undefined;
  }
  const value = env[name];
  if (value === undefined || value === "") {
    const state = value === undefined ? "is not set" : "is empty";
    reader.fail(
      entry.valueAt,
      entry.path,
      `environment variable ${name} ${state}; set it, or use { secret: <stack config key> }`,
    );
    return undefined;
  }
  const reference = { kind: "env" as const, name, path, at };
  // Not enumerable: logging or serializing the desired state must not show the secret.
  Object.defineProperty(reference, "value", { value, enumerable: false });
  return reference as SecretReference;
}
