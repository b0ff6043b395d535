import type { ImportedInstance, SecretToSet } from "./imported-instance.js";
import { type ImportProvenance, secretsHelp } from "./yaml-output.js";

/**
 * A Pulumi program in TypeScript declaring one `BoxConnectorInstance` with `adoptInstanceId` per imported instance,
 * as `pulumi import --generate-code` would write it; secrets are read from stack config, never written.
 */
export function typescriptProgram(
  imported: readonly ImportedInstance[],
  secrets: readonly SecretToSet[],
  provenance: ImportProvenance,
): string {
  const taken = new Set<string>();
  const lines = [
    `// Box connector instances imported from AMPLIFY (${provenance.baseUrl}) on ${provenance.date}.`,
    "// Each adopts its instance by id: `pulumi up` takes it over and writes nothing while the arguments match AMPLIFY.",
    ...secretsHelp(secrets).map((line) => (line === "" ? "//" : `// ${line}`)),
    'import * as pulumi from "@pulumi/pulumi";',
    'import { BoxConnectorInstance } from "pulumi-amplify-box";',
    "",
    "const config = new pulumi.Config();",
  ];
  for (const instance of imported) {
    lines.push("", ...declaration(instance, variableName(instance.logicalName, taken)));
  }
  return `${lines.join("\n")}\n`;
}

function declaration(instance: ImportedInstance, variable: string): string[] {
  const q = (value: string) => JSON.stringify(value);
  const secret = (key: string) => `config.requireSecret(${q(key)})`;
  const events = [
    `enabled: ${instance.events.enabled}`,
    ...(instance.events.callbackUrl === undefined ? [] : [`callbackUrl: ${q(instance.events.callbackUrl)}`]),
    ...(instance.events.signatureKeyKey === undefined
      ? []
      : [`signatureKey: ${secret(instance.events.signatureKeyKey)}`]),
  ];
  const configuration = Object.entries(instance.configuration).map(
    ([key, value]) => `    ${q(key)}: ${typeof value === "boolean" ? String(value) : q(value)},`,
  );
  return [
    `// AMPLIFY instance ${instance.id}${instance.oauth.apiKeyGiven ? "; apiKey from --api-key (AMPLIFY masks it)" : ""}`,
    `export const ${variable} = new BoxConnectorInstance(${q(instance.logicalName)}, {`,
    `  adoptInstanceId: ${q(instance.id)},`,
    `  name: ${q(instance.name)},`,
    "  oauth: {",
    `    apiKey: ${q(instance.oauth.apiKey)},`,
    `    apiSecret: ${secret(instance.oauth.apiSecretKey)},`,
    `    callbackUrl: ${q(instance.oauth.callbackUrl)},`,
    "  },",
    `  events: { ${events.join(", ")} },`,
    ...(instance.tags.length === 0 ? [] : [`  tags: [${instance.tags.map(q).join(", ")}],`]),
    ...(configuration.length === 0 ? [] : ["  configuration: {", ...configuration, "  },"]),
    "});",
  ];
}

const RESERVED = new Set(
  "eval arguments break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await config pulumi BoxConnectorInstance".split(
    " ",
  ),
);

/** `box-prod.eu` → `boxProdEu`: a valid, unique identifier. */
function variableName(logicalName: string, taken: Set<string>): string {
  const words = logicalName.split(/[^A-Za-z0-9]+/).filter((word) => word !== "");
  let name = words.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join("");
  if (name === "" || /^[0-9]/.test(name)) {
    name = `instance${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  }
  if (RESERVED.has(name)) {
    name = `${name}Instance`;
  }
  let candidate = name;
  for (let n = 2; taken.has(candidate); n += 1) {
    candidate = `${name}${n}`;
  }
  taken.add(candidate);
  return candidate;
}
