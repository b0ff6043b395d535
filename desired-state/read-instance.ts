import { adoptIdProblem, nameProblem } from "../provider/mapping/input-rules.js";
import { INSTANCE_KEY_ALIASES, INSTANCE_KEYS } from "./file-format.js";
import type { AuthorizationSection, InstanceSections } from "./file-sections.js";
import { readAuthorization } from "./read-authorization.js";
import { readSharedSections } from "./read-defaults.js";
import type { Environment } from "./read-secret-reference.js";
import { scalarValue } from "./read-values.js";
import { describe, type MapEntry, type YamlReader } from "./yaml-reader.js";

/** One entry of `instances`: its own settings, before `defaults` are merged in. */
export function readInstance(reader: YamlReader, entry: MapEntry, env: Environment): InstanceSections | undefined {
  const map = reader.mapping(
    entry.value,
    entry.path,
    entry.valueAt,
    "a mapping of the instance's settings (oauth, authorization, events, ...)",
  );
  if (map === undefined) {
    return undefined;
  }
  const fields = reader.entries(map, entry.path, {
    keys: INSTANCE_KEYS,
    label: "an instance",
    aliases: INSTANCE_KEY_ALIASES,
  });
  const shared = readSharedSections(reader, fields, env, entry.keyAt);
  let name: InstanceSections["name"];
  let authorization: AuthorizationSection | undefined;
  let adopt: string | undefined;
  for (const field of fields) {
    if (field.key === "name") {
      const value = readName(reader, field);
      name = value === undefined ? undefined : { value, at: field.valueAt };
    } else if (field.key === "authorization") {
      authorization = readAuthorization(reader, field, env, entry.key);
    } else if (field.key === "adopt") {
      adopt = readAdopt(reader, field);
    }
  }
  return {
    ...shared,
    logicalName: entry.key,
    path: entry.path,
    ...(name === undefined ? {} : { name }),
    ...(authorization === undefined ? {} : { authorization }),
    ...(adopt === undefined ? {} : { adopt }),
  };
}

/** The AMPLIFY name, by the provider's rule (input-rules.ts), so that a plan never fails on it later. */
function readName(reader: YamlReader, field: MapEntry): string | undefined {
  const name = scalarValue(field.value);
  const problem = nameProblem(name, describe(field.value));
  if (problem !== undefined) {
    reader.fail(field.valueAt, field.path, problem);
    return undefined;
  }
  return name as string;
}

/**
 * `adopt: "427236"` or `adopt: 427236`: the id as written, so that `007` or an id beyond 2^53 keeps its digits;
 * `0x1A` or `4.2e5` are not decimal ids.
 */
function readAdopt(reader: YamlReader, field: MapEntry): string | undefined {
  const node = field.value as { source?: unknown } | undefined;
  const value = scalarValue(field.value);
  const text = typeof value === "string" ? value : typeof value === "number" ? String(node?.source ?? "") : undefined;
  const problem = adoptIdProblem(text);
  if (problem === undefined) {
    return text;
  }
  reader.fail(field.valueAt, field.path, problem);
  return undefined;
}
