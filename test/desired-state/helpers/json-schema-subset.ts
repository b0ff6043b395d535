/**
 * Just enough of JSON Schema 2020-12 to check documents against schema/instances.schema.json without adding a
 * validator package: the keywords that schema uses. A keyword it does not know throws, so the schema cannot start
 * relying on one that this checker silently ignores.
 */
export type Schema = boolean | { readonly [keyword: string]: unknown };

/** Where a document breaks the schema: `/instances/a/tags/0: must match ^…`. Empty when it conforms. */
export function validate(root: Schema, document: unknown): string[] {
  const failures: string[] = [];
  check(root, root, document, "", failures);
  return failures;
}

const ANNOTATIONS = new Set(["$schema", "$id", "title", "description", "$defs", "format", "examples"]);

function check(root: Schema, schema: Schema, value: unknown, at: string, failures: string[]): void {
  if (schema === true) {
    return;
  }
  if (schema === false) {
    failures.push(`${at}: is not allowed`);
    return;
  }
  const fail = (message: string) => failures.push(`${at || "/"}: ${message}`);
  const passes = (sub: unknown, target: unknown = value) => {
    const nested: string[] = [];
    check(root, sub as Schema, target, at, nested);
    return nested.length === 0;
  };
  for (const [keyword, argument] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword) || keyword === "then" || keyword === "else") {
      continue;
    }
    switch (keyword) {
      case "$ref":
        check(root, resolveRef(root, argument as string), value, at, failures);
        break;
      case "type": {
        const types = Array.isArray(argument) ? (argument as string[]) : [argument as string];
        if (!types.some((type) => hasType(value, type))) {
          fail(`must be of type ${types.join(" or ")}`);
        }
        break;
      }
      case "const":
        if (JSON.stringify(value) !== JSON.stringify(argument)) {
          fail(`must be ${JSON.stringify(argument)}`);
        }
        break;
      case "enum":
        if (!(argument as unknown[]).some((option) => JSON.stringify(option) === JSON.stringify(value))) {
          fail("must be one of the enumerated values");
        }
        break;
      case "pattern":
        if (typeof value === "string" && !new RegExp(argument as string, "u").test(value)) {
          fail(`must match ${argument}`);
        }
        break;
      case "minLength":
        if (typeof value === "string" && [...value].length < (argument as number)) {
          fail(`must have at least ${argument} characters`);
        }
        break;
      case "maxLength":
        if (typeof value === "string" && [...value].length > (argument as number)) {
          fail(`must have at most ${argument} characters`);
        }
        break;
      case "minimum":
        if (typeof value === "number" && value < (argument as number)) {
          fail(`must be at least ${argument}`);
        }
        break;
      case "required":
        if (isObject(value)) {
          for (const name of argument as string[]) {
            if (!(name in value)) {
              fail(`must have ${name}`);
            }
          }
        }
        break;
      case "minProperties":
        if (isObject(value) && Object.keys(value).length < (argument as number)) {
          fail(`must have at least ${argument} properties`);
        }
        break;
      case "maxProperties":
        if (isObject(value) && Object.keys(value).length > (argument as number)) {
          fail(`must have at most ${argument} properties`);
        }
        break;
      case "properties":
        if (isObject(value)) {
          for (const [name, sub] of Object.entries(argument as Record<string, Schema>)) {
            if (name in value) {
              check(root, sub, value[name], `${at}/${name}`, failures);
            }
          }
        }
        break;
      case "additionalProperties":
        if (isObject(value)) {
          const declared = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
          for (const [name, item] of Object.entries(value)) {
            if (!declared.includes(name)) {
              check(root, argument as Schema, item, `${at}/${name}`, failures);
            }
          }
        }
        break;
      case "propertyNames":
        if (isObject(value)) {
          for (const name of Object.keys(value)) {
            check(root, argument as Schema, name, `${at}/${name} (name)`, failures);
          }
        }
        break;
      case "items":
        if (Array.isArray(value)) {
          value.forEach((item, index) => {
            check(root, argument as Schema, item, `${at}/${index}`, failures);
          });
        }
        break;
      case "uniqueItems":
        if (argument === true && Array.isArray(value)) {
          const seen = value.map((item) => JSON.stringify(item));
          if (new Set(seen).size !== seen.length) {
            fail("must have unique items");
          }
        }
        break;
      case "not":
        if (passes(argument)) {
          fail("must not match the schema in not");
        }
        break;
      case "anyOf":
        if (!(argument as Schema[]).some((sub) => passes(sub))) {
          fail("must match one of anyOf");
        }
        break;
      case "oneOf": {
        const matching = (argument as Schema[]).filter((sub) => passes(sub)).length;
        if (matching !== 1) {
          fail(`must match exactly one of oneOf; matches ${matching}`);
        }
        break;
      }
      case "if":
        if (passes(argument)) {
          if (schema.then !== undefined) {
            check(root, schema.then as Schema, value, at, failures);
          }
        } else if (schema.else !== undefined) {
          check(root, schema.else as Schema, value, at, failures);
        }
        break;
      default:
        throw new Error(`json-schema-subset does not implement the keyword ${keyword} (at ${at || "/"})`);
    }
  }
}

function resolveRef(root: Schema, reference: string): Schema {
  if (!reference.startsWith("#/")) {
    throw new Error(`json-schema-subset resolves only local references, not ${reference}`);
  }
  let node: unknown = root;
  for (const part of reference.slice(2).split("/")) {
    node = isObject(node) ? node[part] : undefined;
  }
  if (node === undefined) {
    throw new Error(`unresolved reference ${reference}`);
  }
  return node as Schema;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "object":
      return isObject(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    default:
      throw new Error(`unknown type ${type}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
