import type { PassThroughValue } from "../provider/mapping/box-instance-state.js";
import { MANAGED_CONFIGURATION_KEYS } from "../provider/mapping/configuration-keys.js";
import { CONFIGURATION_KEY_OWNERS, SECRET_LOOKING_CONFIGURATION_KEY } from "./file-format.js";
import { configurationKeyPath } from "./property-path.js";
import { scalarValue } from "./read-values.js";
import { describe, type MapEntry, type YamlReader } from "./yaml-reader.js";

/**
 * `configuration: { filter.response.nulls: true }`: further connector configuration, passed through. Keys a typed
 * field manages and keys that look like secrets are refused, as the provider's check refuses them.
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
    const managedBy = MANAGED_CONFIGURATION_KEYS[field.key];
    const value = scalarValue(field.value);
    let problem: { at: typeof field.keyAt; message: string } | undefined;
    if (field.key.trim() === "") {
      problem = { at: field.keyAt, message: "configuration keys must not be empty" };
    } else if (managedBy !== undefined) {
      const owner = CONFIGURATION_KEY_OWNERS[field.key] ?? managedBy;
      problem = { at: field.keyAt, message: `is managed by ${owner}; set it there instead` };
    } else if (SECRET_LOOKING_CONFIGURATION_KEY.test(field.key)) {
      problem = {
        at: field.keyAt,
        message: "looks like a secret; pass-through configuration is stored in clear, so it is refused",
      };
    } else if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
      problem = { at: field.valueAt, message: `must be a string, number or boolean; got ${describe(field.value)}` };
    }
    if (problem === undefined) {
      configuration[field.key] = value as PassThroughValue;
    } else {
      reader.fail(problem.at, path, problem.message);
      ok = false;
    }
  }
  return ok ? configuration : undefined;
}
