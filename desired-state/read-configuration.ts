import type { PassThroughValue } from "../provider/mapping/box-instance-state.js";
import { configurationKeyProblem, configurationValueProblem } from "../provider/mapping/input-rules.js";
import { configurationKeyPath } from "./property-path.js";
import { scalarValue } from "./read-values.js";
import { describe, type MapEntry, type YamlReader } from "./yaml-reader.js";

/**
 * `configuration: { filter.response.nulls: true }`: further connector configuration, passed through, each key and
 * value by the provider's rules (input-rules.ts).
 */
export function readConfiguration(reader: YamlReader, entry: MapEntry): Record<string, PassThroughValue> | undefined {
  const map = reader.mapping(
    entry.value,
    entry.path,
    entry.valueAt,
    "a mapping of configuration keys to strings, numbers or booleans",
  );
  if (map === undefined) {
    return undefined;
  }
  const configuration: Record<string, PassThroughValue> = {};
  let ok = true;
  for (const field of reader.entries(map, entry.path, {
    label: "configuration",
    keyPath: configurationKeyPath,
  })) {
    const path = field.path;
    const value = scalarValue(field.value);
    const keyProblem = configurationKeyProblem(field.key, "file");
    const valueProblem = configurationValueProblem(value, describe(field.value));
    const problem =
      keyProblem !== undefined
        ? { at: field.keyAt, message: keyProblem }
        : valueProblem === undefined
          ? undefined
          : { at: field.valueAt, message: valueProblem };
    if (problem === undefined) {
      configuration[field.key] = value as PassThroughValue;
    } else {
      reader.fail(problem.at, path, problem.message);
      ok = false;
    }
  }
  return ok ? configuration : undefined;
}
