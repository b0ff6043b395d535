import { isMap } from "yaml";
import { canonicalInstanceId } from "../provider/mapping/input-rules.js";
import { completeInstance } from "./complete-instance.js";
import type { DesiredInstance, DesiredState, SourcePosition } from "./desired-state.js";
import { type DesiredStateProblem, sortProblems } from "./desired-state-problem.js";
import { FILE_KEYS, FORMAT_VERSION, LOGICAL_NAME_PATTERN } from "./file-format.js";
import type { InstanceSections, SharedSections } from "./file-sections.js";
import { readDefaults } from "./read-defaults.js";
import { readInstance } from "./read-instance.js";
import type { Environment } from "./read-secret-reference.js";
import { scalarValue } from "./read-values.js";
import { describe, type MapEntry, YamlReader } from "./yaml-reader.js";

const INSTANCES_SHAPE = "a mapping of logical names to instances (instances: {} for none)";

export interface LoadOptions {
  /** Where `{ env: NAME }` references are read. Default `process.env`. */
  readonly env?: Environment;
}

export type LoadResult =
  | { readonly ok: true; readonly state: DesiredState }
  | { readonly ok: false; readonly problems: readonly DesiredStateProblem[] };

/**
 * Parses and checks a desired-state file. Either every rule holds and the result is the typed desired state, with
 * `defaults` merged into each instance, or the result lists every problem found, in file order. No Pulumi, no I/O
 * except reading the environment for `{ env: NAME }` references.
 */
export function loadDesiredState(text: string, file: string, options: LoadOptions = {}): LoadResult {
  const reader = new YamlReader(text, file);
  const env = options.env ?? process.env;
  const state = reader.syntaxOk ? readFile(reader, env) : undefined;
  if (state === undefined || reader.problems.length > 0) {
    return { ok: false, problems: sortProblems(reader.problems) };
  }
  return { ok: true, state };
}

function readFile(reader: YamlReader, env: Environment): DesiredState | undefined {
  const start: SourcePosition = { line: 1, column: 1 };
  const root = reader.root;
  if (root === undefined) {
    reader.fail(start, "instances", `is required: ${INSTANCES_SHAPE}`);
    return undefined;
  }
  if (!isMap(root)) {
    reader.fail(
      reader.at(root),
      "",
      `the file must be a mapping with the keys ${FILE_KEYS.join(", ")}; got ${describe(root)}`,
    );
    return undefined;
  }
  const map = root;
  const fields = reader.entries(map, "", { keys: FILE_KEYS, label: "the file" });
  let defaults: SharedSections | undefined;
  let instancesEntry: MapEntry | undefined;
  for (const field of fields) {
    if (field.key === "version") {
      readVersion(reader, field);
    } else if (field.key === "defaults") {
      defaults = readDefaults(reader, field, env);
    } else {
      instancesEntry = field;
    }
  }
  if (instancesEntry === undefined) {
    reader.fail(
      reader.at(root),
      "instances",
      "is required: a mapping of logical names to instances (instances: {} for none)",
    );
    return undefined;
  }
  const instances = readInstances(reader, instancesEntry, env, defaults);
  return instances === undefined ? undefined : { file: reader.file, version: FORMAT_VERSION, instances };
}

function readVersion(reader: YamlReader, field: MapEntry): void {
  if (scalarValue(field.value) !== FORMAT_VERSION) {
    reader.fail(field.valueAt, field.path, `must be ${FORMAT_VERSION}, the only version of this format so far`);
  }
}

function readInstances(
  reader: YamlReader,
  field: MapEntry,
  env: Environment,
  defaults: SharedSections | undefined,
): DesiredInstance[] | undefined {
  const map = reader.mapping(field.value, field.path, field.valueAt, INSTANCES_SHAPE);
  if (map === undefined) {
    return undefined;
  }
  const entries = reader.entries(map, field.path, {
    label: "instances",
    duplicateMessage: (first) => `is declared twice (first at ${first}); logical names must be unique`,
  });
  const read: InstanceSections[] = [];
  for (const entry of entries) {
    if (!LOGICAL_NAME_PATTERN.test(entry.key)) {
      reader.fail(
        entry.keyAt,
        entry.path,
        'is not a valid logical name: use letters, digits, ".", "_" and "-", starting with a letter or digit',
      );
    }
    const instance = readInstance(reader, entry, env);
    if (instance !== undefined) {
      read.push(instance);
    }
  }
  reportDuplicateNames(reader, read);
  reportDuplicateAdopts(reader, read);
  const complete = read.map((instance) => completeInstance(reader, instance, defaults));
  return complete.every((instance) => instance !== undefined) ? complete : undefined;
}

/**
 * One instance, one owner: two entries adopting one id would both manage it, and destroying either would delete it
 * under the other. Ids compare by their digits (`007` is 7).
 */
function reportDuplicateAdopts(reader: YamlReader, instances: readonly InstanceSections[]): void {
  const owners = new Map<string, InstanceSections>();
  for (const instance of instances) {
    if (instance.adopt === undefined) {
      continue;
    }
    const id = canonicalInstanceId(instance.adopt);
    const owner = owners.get(id);
    if (owner === undefined) {
      owners.set(id, instance);
    } else {
      reader.fail(
        instance.at,
        `${instance.path}.adopt`,
        `adopts instance ${id}, as ${owner.path} does; an instance can be adopted by one entry only`,
      );
    }
  }
}

/** AMPLIFY refuses a second instance with a name already taken (409), so the file must not ask for one. */
function reportDuplicateNames(reader: YamlReader, instances: readonly InstanceSections[]): void {
  const owners = new Map<string, InstanceSections>();
  for (const instance of instances) {
    if (instance.name === undefined) {
      continue;
    }
    const owner = owners.get(instance.name.value);
    if (owner === undefined) {
      owners.set(instance.name.value, instance);
    } else {
      reader.fail(
        instance.name.at,
        `${instance.path}.name`,
        `"${instance.name.value}" is also the name of ${owner.path}; AMPLIFY instance names must be unique`,
      );
    }
  }
}
