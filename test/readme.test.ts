import { readFileSync } from "node:fs";
import * as path from "node:path";
import test from "ava";
import ts from "typescript";
import { CONFIG_KEYS } from "../provider/dynamic/connection-config.js";

/** The README's reference tables must say what the code says: the JSDoc of the args, the config keys. */

const root = path.resolve(__dirname, "..", "..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");

/** Every leaf input of BoxConnectorInstanceArgs with whether its JSDoc starts with "Secret.". */
function documentedInputs(): Map<string, boolean> {
  const file = path.join(root, "provider", "resource", "box-connector-instance.ts");
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) {
      interfaces.set(node.name.text, node);
    }
  });
  const nested: Record<string, string> = { oauth: "BoxOAuthArgs", events: "BoxEventsArgs" };
  const inputs = new Map<string, boolean>();
  const walk = (name: string, prefix: string) => {
    for (const member of interfaces.get(name)?.members ?? []) {
      if (!ts.isPropertySignature(member) || !ts.isIdentifier(member.name)) {
        continue;
      }
      const key = member.name.text;
      const inner = nested[key];
      if (prefix === "" && inner !== undefined) {
        walk(inner, `${key}.`);
        continue;
      }
      const doc = ts
        .getJSDocCommentsAndTags(member)
        .map((node) => node.getText())
        .join("\n");
      inputs.set(`${prefix}${key}`, /^\/\*\*\s*(\*\s*)?Secret\./.test(doc.trim()));
    }
  };
  walk("BoxConnectorInstanceArgs", "");
  return inputs;
}

/** Rows of the README's inputs table: name → secret column. */
function readmeInputs(): Map<string, boolean> {
  const start = readme.indexOf("<!-- inputs-table");
  const header = readme.slice(start).search(/\|\s*input\s*\|/) + start;
  const table = readme.slice(header, readme.indexOf("\n\n", header));
  const rows = new Map<string, boolean>();
  for (const line of table.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    const name = /^`([^`]+)`$/.exec(cells[1] ?? "")?.[1];
    if (name !== undefined) {
      rows.set(name, cells[4] === "yes");
    }
  }
  return rows;
}

test("the README's inputs table lists every input of BoxConnectorInstanceArgs, with its secrecy", (t) => {
  const documented = documentedInputs();
  t.true(documented.size >= 10, "the JSDoc walk found the inputs");
  t.deepEqual(Object.fromEntries([...readmeInputs()].sort()), Object.fromEntries([...documented].sort()));
});

test("the README's configuration table names every stack config key and its environment variable", (t) => {
  for (const { config, env } of Object.values(CONFIG_KEYS)) {
    t.regex(readme, new RegExp(`\\|\\s*\`${config}\`\\s*\\|\\s*\`${env}\`\\s*\\|`), config);
  }
});

test("the README starts with the demo command and the test command that .ci/run calls", (t) => {
  const firstBlock = readme.slice(readme.indexOf("```sh"), readme.indexOf("```", readme.indexOf("```sh") + 5));
  const install = "npx -y -p node@26 -- npm ci";
  t.regex(firstBlock, /^npx -y -p node@26 -- npm ci && npm run demo /m);
  t.regex(firstBlock, /^npx -y -p node@26 -- npm ci && npm test /m);
  const ci = readFileSync(path.join(root, ".ci", "run"), "utf8");
  t.true(ci.includes(`\n${install} `), "CI installs as the README says");
  t.regex(ci, /^npm test$/m);
});
