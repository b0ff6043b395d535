import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import test from "ava";
import { parseDocument } from "yaml";
import * as fileFormat from "../../desired-state/file-format.js";
import { CONFIGURATION_KEY_OWNERS } from "../../provider/mapping/configuration-keys.js";
import * as rules from "../../provider/mapping/input-rules.js";
import { readBadCorpus, readGoodCorpus } from "./helpers/corpus.js";
import { repositoryRoot } from "./helpers/repository.js";

type SchemaObject = { readonly [keyword: string]: unknown };

const schemaFile = path.join(repositoryRoot, "schema", "instances.schema.json");
const schema = JSON.parse(readFileSync(schemaFile, "utf8")) as SchemaObject;
const defs = schema.$defs as Record<string, SchemaObject>;

/** A standard JSON Schema validator, as editors run one; every error reported, unknown keywords refused. */
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
const validateFile = ajv.compile(schema);
const failuresOf = (data: unknown): string[] =>
  validateFile(data) ? [] : (validateFile.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);

const keysOf = (node: unknown): string[] => Object.keys((node as SchemaObject).properties as object).sort();
const sorted = (keys: readonly string[]) => [...keys].sort();
const def = (name: string): SchemaObject => {
  const found = defs[name];
  if (found === undefined) {
    throw new Error(`schema has no $defs/${name}`);
  }
  return found;
};
const property = (node: SchemaObject, name: string): SchemaObject =>
  (node.properties as Record<string, SchemaObject>)[name] as SchemaObject;

/** Parses YAML to plain data the way an editor's schema check sees it; `undefined` when it is not valid YAML. */
function toData(text: string): { data: unknown } | undefined {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    return undefined;
  }
  try {
    return { data: document.toJS() };
  } catch {
    return undefined; // An alias without an anchor: nothing a schema can say about it.
  }
}

/** The repository's desired-state files meant to be valid: the root demo, the good corpus, and examples. */
function validFiles(): { name: string; text: string }[] {
  const files = [{ name: "instances.yaml", text: readFileSync(path.join(repositoryRoot, "instances.yaml"), "utf8") }];
  for (const good of readGoodCorpus()) {
    files.push({ name: `good/${good.name}`, text: good.text });
  }
  const examples = path.join(repositoryRoot, "examples");
  if (existsSync(examples)) {
    for (const entry of readdirSync(examples, { recursive: true, encoding: "utf8" })) {
      if (/(^|\/)instances[^/]*\.ya?ml$/.test(entry) && !entry.includes("node_modules")) {
        files.push({ name: `examples/${entry}`, text: readFileSync(path.join(examples, entry), "utf8") });
      }
    }
  }
  return files;
}

test("the schema allows exactly the keys the loader allows, section by section", (t) => {
  t.deepEqual(keysOf(schema), sorted(fileFormat.FILE_KEYS));
  t.deepEqual(keysOf(property(schema, "defaults")), sorted(fileFormat.DEFAULTS_KEYS));
  t.deepEqual(keysOf(def("instance")), sorted(fileFormat.INSTANCE_KEYS));
  t.deepEqual(keysOf(def("oauth")), sorted(fileFormat.OAUTH_KEYS));
  t.deepEqual(keysOf(def("events")), sorted(fileFormat.EVENTS_KEYS));
  t.deepEqual(keysOf(def("authorization")), sorted(fileFormat.AUTHORIZATION_KEYS));
  const referenceKeys = (def("secretReference").oneOf as SchemaObject[]).flatMap(keysOf);
  t.deepEqual(referenceKeys.sort(), sorted(fileFormat.SECRET_REFERENCE_KEYS));
});

test("every mapping of the schema with named keys refuses other keys", (t) => {
  const visit = (node: unknown, at: string): void => {
    if (typeof node !== "object" || node === null) {
      return;
    }
    const object = node as SchemaObject;
    if (object.properties !== undefined) {
      t.is(object.additionalProperties, false, `${at} allows additional properties`);
    }
    for (const [key, child] of Object.entries(object)) {
      visit(child, `${at}/${key}`);
    }
  };
  visit(schema, "#");
});

test("the schema's patterns and limits are the loader's", (t) => {
  const instances = property(schema, "instances");
  t.is((instances.propertyNames as SchemaObject).pattern, fileFormat.LOGICAL_NAME_PATTERN.source);
  const [configReference, envReference] = def("secretReference").oneOf as SchemaObject[];
  t.is(property(configReference as SchemaObject, "secret").pattern, fileFormat.CONFIG_KEY_PATTERN.source);
  t.is(property(envReference as SchemaObject, "env").pattern, fileFormat.ENV_NAME_PATTERN.source);
  t.is(property(def("instance"), "name").maxLength, rules.NAME_MAX_LENGTH);
  const adoptString = (property(def("instance"), "adopt").oneOf as SchemaObject[])[0] as SchemaObject;
  t.is(adoptString.pattern, rules.INSTANCE_ID_PATTERN.source);
  t.is(schema.properties && property(schema, "version").const, fileFormat.FORMAT_VERSION);
});

test("the schema refuses the configuration keys the loader refuses", (t) => {
  const acceptsKey = ajv.compile({ type: "object", propertyNames: def("configuration").propertyNames });
  const managed = Object.keys(CONFIGURATION_KEY_OWNERS);
  const samples = [
    ...managed,
    "filter.response.nulls",
    "my.api.token",
    "proxy.PASSWORD",
    "event.notification.basic.password",
    "monkey",
    "keys",
    "tokenizer",
    "",
  ];
  for (const key of samples) {
    const loaderRefuses = key === "" || managed.includes(key) || rules.SECRET_LOOKING_CONFIGURATION_KEY.test(key);
    t.is(!acceptsKey({ [key]: true }), loaderRefuses, `configuration key "${key}"`);
  }
});

for (const file of validFiles()) {
  test(`${file.name} conforms to the schema`, (t) => {
    const parsed = toData(file.text);
    t.not(parsed, undefined, "not valid YAML");
    t.deepEqual(failuresOf(parsed?.data), []);
  });
}

test("the root instances.yaml points editors at the schema", (t) => {
  const firstLine = readFileSync(path.join(repositoryRoot, "instances.yaml"), "utf8").split("\n", 1)[0] ?? "";
  const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(firstLine);
  t.truthy(match, firstLine);
  t.is(path.resolve(repositoryRoot, match?.[1] ?? ""), schemaFile);
});

test("the schema refuses every bad file whose rule it can express", (t) => {
  let checked = 0;
  for (const file of readBadCorpus()) {
    const parsed = toData(file.text);
    if (parsed === undefined) {
      continue;
    }
    checked++;
    const failures = failuresOf(parsed.data);
    if (file.schemaAccepts) {
      t.deepEqual(failures, [], `${file.name} says the schema accepts it`);
    } else {
      t.not(failures.length, 0, `the schema accepts ${file.name}`);
    }
  }
  t.true(checked >= 40, `only ${checked} bad files were checked against the schema`);
});
