import { Document, isMap, isScalar, parseDocument, visit, type YAMLMap } from "yaml";
import { canonicalInstanceId } from "../../provider/mapping/input-rules.js";
import type { ImportedInstance, SecretToSet } from "./imported-instance.js";

/** What the written text says about where it came from. */
export interface ImportProvenance {
  readonly baseUrl: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
}

/** The entries of a file that exists: which logical names are taken and which ids are adopted already. */
export interface ExistingEntries {
  readonly logicalNames: ReadonlySet<string>;
  /** Adopted id (its decimal digits, without leading zeros) → logical name. */
  readonly adopted: ReadonlyMap<string, string>;
  /** Every stack config key the file's `{ secret: key }` references name. */
  readonly secretKeys: ReadonlySet<string>;
  /** `defaults.oauth`: its client id → the config key of its client secret, when the file says both. */
  readonly appSecrets: ReadonlyMap<string, string>;
}

/**
 * A new desired-state file holding the imported instances: a header that says how to set each secret, then one
 * `adopt` entry per instance. `schemaPath` is the JSON Schema relative to the file, for editors.
 */
export function newDesiredStateFile(
  imported: readonly ImportedInstance[],
  secrets: readonly SecretToSet[],
  provenance: ImportProvenance,
  schemaPath: string,
): string {
  const header = [
    `# yaml-language-server: $schema=${schemaPath}`,
    "#",
    `# Box connector instances imported from AMPLIFY (${provenance.baseUrl}) on ${provenance.date}.`,
    "# Each entry adopts its instance by id: `pulumi up` takes it over and writes nothing while the entry matches",
    "# AMPLIFY; edit an entry and `pulumi up` changes just that. Removing an entry deletes its instance.",
    "#",
    ...secretsHelp(secrets).map((line) => (line === "" ? "#" : `# ${line}`)),
    "version: 1",
    "",
    "instances:",
  ];
  return `${header.join("\n")}\n${entriesBlock(imported, 2)}`;
}

/**
 * `existing` with the imported entries appended to its `instances` mapping. Everything already there is kept byte
 * for byte, comments included: the entries are text inserted after the last one, indented like them.
 * @throws Error when the file's `instances` cannot take block entries (a flow mapping that is not empty).
 */
export function mergeIntoDesiredStateFile(existing: string, imported: readonly ImportedInstance[]): string {
  // A file written with CRLF line ends gets its new lines with CRLF too.
  if (existing.includes("\r\n")) {
    return mergeIntoDesiredStateFile(existing.replaceAll("\r\n", "\n"), imported).replaceAll("\n", "\r\n");
  }
  const document = parseDocument(existing);
  const node = document.get("instances", true);
  if (node === undefined) {
    const separator = existing === "" || existing.endsWith("\n") ? "" : "\n";
    return `${existing}${separator}\ninstances:\n${entriesBlock(imported, 2)}`;
  }
  if (isMap(node) && !node.flow) {
    const first = (node as YAMLMap).items[0]?.key;
    const indent = isScalar(first) && first.range ? columnOf(existing, first.range[0]) : 2;
    const at = (node.range as [number, number, number])[1];
    const before = existing.slice(0, at);
    return `${before}${before.endsWith("\n") ? "" : "\n"}\n${entriesBlock(imported, indent)}${existing.slice(at)}`;
  }
  const empty = (isMap(node) && node.items.length === 0) || (isScalar(node) && node.value === null);
  if (!empty || node.range === undefined || node.range === null) {
    throw new Error("its instances mapping is written in flow style ({ ... }); write it as a block mapping first");
  }
  // `instances: {}` or `instances:` with nothing: the value gives way to block entries after the key's line.
  const [start, end] = node.range;
  const withoutValue = existing.slice(0, start) + existing.slice(end);
  const lineEnd = withoutValue.indexOf("\n", start);
  const at = lineEnd === -1 ? withoutValue.length : lineEnd + 1;
  const before = withoutValue.slice(0, at);
  return `${before}${before.endsWith("\n") ? "" : "\n"}${entriesBlock(imported, 2)}${withoutValue.slice(at)}`;
}

/** What a file already holds, read leniently: a file with problems still has its entries. */
export function existingEntries(text: string): ExistingEntries {
  const document = parseDocument(text);
  const node = document.get("instances", true);
  const logicalNames = new Set<string>();
  const adopted = new Map<string, string>();
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      logicalNames.add(key);
      const adopt = isMap(pair.value) ? pair.value.get("adopt", true) : undefined;
      if (isScalar(adopt)) {
        adopted.set(canonicalInstanceId(String(adopt.source ?? adopt.value)), key);
      }
    }
  }
  const secretKeys = new Set<string>();
  visit(document, {
    Map(_key, map) {
      const secret = map.get("secret", true);
      if (isScalar(secret)) {
        secretKeys.add(String(secret.value));
      }
    },
  });
  const appSecrets = new Map<string, string>();
  const apiKey = document.getIn(["defaults", "oauth", "apiKey"]);
  const apiSecret = document.getIn(["defaults", "oauth", "apiSecret", "secret"]);
  if (typeof apiKey === "string" && typeof apiSecret === "string") {
    appSecrets.set(apiKey, apiSecret);
  }
  return { logicalNames, adopted, secretKeys, appSecrets };
}

/** The lines that tell what to set before `pulumi up`; never a value. */
export function secretsHelp(secrets: readonly SecretToSet[]): string[] {
  if (secrets.length === 0) {
    return [];
  }
  return [
    "Secrets are never written here, only referenced. Set them in stack config before `pulumi up`:",
    "",
    ...secrets.map(
      (secret) => `  pulumi config set --secret ${secret.key} <${secret.holds}>   # ${secret.usedBy.join(", ")}`,
    ),
    "",
  ];
}

/** The entries as block YAML under a mapping whose keys sit at column `indent`, one blank line between them. */
function entriesBlock(imported: readonly ImportedInstance[], indent: number): string {
  const document = new Document({});
  const map = document.contents as YAMLMap;
  for (const [index, instance] of imported.entries()) {
    const key = document.createNode(instance.logicalName);
    key.spaceBefore = index > 0;
    key.commentBefore = entryComment(instance);
    map.add(document.createPair(key, entryNode(document, instance)));
  }
  const text = document.toString({ indent: Math.max(indent, 1), lineWidth: 0, flowCollectionPadding: false });
  const pad = " ".repeat(indent);
  return text
    .split("\n")
    .map((line) => (line === "" ? line : pad + line))
    .join("\n");
}

function entryComment(instance: ImportedInstance): string {
  const lines = [` imported from AMPLIFY instance ${instance.id}`];
  if (instance.oauth.apiKeyGiven) {
    lines.push(" oauth.apiKey from --api-key: AMPLIFY masks the client id, so it cannot be checked here");
  }
  if (instance.leftOut.length > 0) {
    lines.push(
      ` not managed here (they hold secrets or credentials the file has no field for): ${instance.leftOut.join(", ")}`,
    );
  }
  return lines.join("\n");
}

function entryNode(document: Document, instance: ImportedInstance) {
  const secretReference = (key: string) => {
    const node = document.createNode({ secret: key });
    node.flow = true;
    return node;
  };
  const entry = document.createNode({}) as YAMLMap;
  entry.set("adopt", instance.id);
  entry.set("name", instance.name);
  entry.set(
    "oauth",
    document.createNode({
      apiKey: instance.oauth.apiKey,
      apiSecret: secretReference(instance.oauth.apiSecretKey),
      callbackUrl: instance.oauth.callbackUrl,
    }),
  );
  entry.set(
    "events",
    document.createNode({
      enabled: instance.events.enabled,
      ...(instance.events.callbackUrl === undefined ? {} : { callbackUrl: instance.events.callbackUrl }),
      ...(instance.events.signatureKeyKey === undefined
        ? {}
        : { signatureKey: secretReference(instance.events.signatureKeyKey) }),
    }),
  );
  if (instance.tags.length > 0) {
    const tags = document.createNode([...instance.tags]);
    tags.flow = true;
    entry.set("tags", tags);
  }
  if (Object.keys(instance.configuration).length > 0) {
    entry.set("configuration", document.createNode({ ...instance.configuration }));
  }
  return entry;
}

/** The 0-based column of an offset: the indentation of a key. */
function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf("\n", offset - 1) + 1);
}
