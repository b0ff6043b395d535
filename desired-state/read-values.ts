import { isMap, isScalar, type Node } from "yaml";
import { booleanProblem, httpUrlProblem, nonEmptyStringProblem } from "../provider/mapping/input-rules.js";
import { describe, type MapEntry, type YamlReader } from "./yaml-reader.js";

/**
 * Scalar fields. Each reports its problem at the value (or at the key when the value is empty) and returns
 * `undefined` when the value is unusable. The rules and their words are the provider's (input-rules.ts).
 */

export function scalarValue(node: Node | undefined): unknown {
  return isScalar(node) ? node.value : undefined;
}

/** A non-empty string; `what` says what it is for: `(the Client ID of the Box app)`. */
export function readString(reader: YamlReader, entry: MapEntry, what?: string): string | undefined {
  const value = scalarValue(entry.value);
  const got = looksLikeSecretReference(entry.value)
    ? "a secret reference, which only secret fields take"
    : describe(entry.value);
  return reportOr(reader, entry, nonEmptyStringProblem(value, what, got), value as string);
}

/** The value, or `undefined` after reporting the problem at it. */
function reportOr<T>(reader: YamlReader, entry: MapEntry, problem: string | undefined, value: T): T | undefined {
  if (problem === undefined) {
    return value;
  }
  reader.fail(entry.valueAt, entry.path, problem);
  return undefined;
}

function looksLikeSecretReference(node: Node | undefined): boolean {
  return (
    isMap(node) && node.items.some((pair) => isScalar(pair.key) && ["secret", "env"].includes(String(pair.key.value)))
  );
}

/** An absolute http or https URL; `what` says what it is for. */
export function readHttpUrl(reader: YamlReader, entry: MapEntry, what: string): string | undefined {
  const value = scalarValue(entry.value);
  return reportOr(reader, entry, httpUrlProblem(value, what, describe(entry.value)), value as string);
}

export function readBoolean(reader: YamlReader, entry: MapEntry): boolean | undefined {
  const value = scalarValue(entry.value);
  // YAML 1.1 read yes/no/on/off as booleans; YAML 1.2 (this file) reads them as strings.
  const got =
    typeof value === "string" && /^(y|yes|n|no|on|off)$/i.test(value)
      ? `the string "${value}" (YAML 1.2 has only true and false)`
      : describe(entry.value);
  return reportOr(reader, entry, booleanProblem(value, got), value as boolean);
}
