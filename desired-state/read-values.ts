import { isMap, isScalar, type Node } from "yaml";
import { describe, type MapEntry, type YamlReader } from "./yaml-reader.js";

/**
 * Scalar fields. Each reports its problem at the value (or at the key when the value is empty) and returns
 * `undefined` when the value is unusable. The wording follows the provider's own check (check-inputs.ts).
 */

export function scalarValue(node: Node | undefined): unknown {
  return isScalar(node) ? node.value : undefined;
}

/** A non-empty string; `what` says what it is for: `(the Client ID of the Box app)`. */
export function readString(reader: YamlReader, entry: MapEntry, what?: string): string | undefined {
  const value = scalarValue(entry.value);
  if (typeof value === "string" && value.trim() !== "") {
    return value;
  }
  const purpose = what === undefined ? "" : ` (${what})`;
  const got = looksLikeSecretReference(entry.value)
    ? "a secret reference, which only secret fields take"
    : describe(entry.value);
  reader.fail(entry.valueAt, entry.path, `must be a non-empty string${purpose}; got ${got}`);
  return undefined;
}

function looksLikeSecretReference(node: Node | undefined): boolean {
  return (
    isMap(node) && node.items.some((pair) => isScalar(pair.key) && ["secret", "env"].includes(String(pair.key.value)))
  );
}

/** An absolute http or https URL. The value is not repeated in the message: URLs can carry credentials. */
export function readHttpUrl(reader: YamlReader, entry: MapEntry, what: string): string | undefined {
  const value = scalarValue(entry.value);
  if (typeof value !== "string" || value.trim() === "") {
    reader.fail(entry.valueAt, entry.path, `must be an http(s) URL (${what}); got ${describe(entry.value)}`);
    return undefined;
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    reader.fail(entry.valueAt, entry.path, `must be an http(s) URL (${what}); got text that is not a URL`);
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    reader.fail(
      entry.valueAt,
      entry.path,
      `must be an http(s) URL (${what}); got a URL with the scheme ${url.protocol}`,
    );
    return undefined;
  }
  return value;
}

export function readBoolean(reader: YamlReader, entry: MapEntry): boolean | undefined {
  const value = scalarValue(entry.value);
  if (typeof value === "boolean") {
    return value;
  }
  // YAML 1.1 read yes/no/on/off as booleans; YAML 1.2 (this file) reads them as strings.
  const got =
    typeof value === "string" && /^(y|yes|n|no|on|off)$/i.test(value)
      ? `the string "${value}" (YAML 1.2 has only true and false)`
      : describe(entry.value);
  reader.fail(entry.valueAt, entry.path, `must be true or false; got ${got}`);
  return undefined;
}
