import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import test from "ava";
import { REPO_ROOT } from "../../scripts/pulumi-cli.js";

/**
 * The layers of ARCHITECTURE.md, checked on every relative import: a folder may import itself and what its row
 * allows, nothing above it. A new folder must be given a row.
 */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  "provider/client": [],
  "provider/mapping": ["provider/client"],
  "provider/events": [],
  "provider/dynamic": ["provider/client", "provider/mapping"],
  "provider/resource": ["provider/client", "provider/mapping", "provider/dynamic"],
  provider: ["provider/client", "provider/mapping", "provider/dynamic", "provider/resource", "provider/events"],
  "desired-state": ["provider/client", "provider/mapping", "provider/resource"],
  "sandbox/protocol": [],
  "sandbox/platform": [],
  "sandbox/store": ["sandbox/protocol", "sandbox/platform"],
  "sandbox/box": ["sandbox/protocol", "sandbox/platform", "sandbox/store"],
  "sandbox/events": ["sandbox/protocol", "sandbox/platform", "sandbox/store", "sandbox/box"],
  "sandbox/faults": ["sandbox/protocol"],
  "sandbox/api": ["sandbox/protocol", "sandbox/platform", "sandbox/store", "sandbox/box", "sandbox/events"],
  "sandbox/api/routes": [
    "sandbox/protocol",
    "sandbox/platform",
    "sandbox/store",
    "sandbox/box",
    "sandbox/events",
    "sandbox/api",
  ],
  "sandbox/http": [
    "sandbox/protocol",
    "sandbox/platform",
    "sandbox/store",
    "sandbox/box",
    "sandbox/events",
    "sandbox/faults",
    "sandbox/api",
    "sandbox/api/routes",
  ],
};
/** Top-level folders that sit on everything below them and are imported by nothing of the product. */
const ON_TOP: Readonly<Record<string, readonly string[]>> = {
  sandbox: ["sandbox"],
  cli: ["cli", "provider", "desired-state"],
  program: ["desired-state"],
};

function sourcesUnder(folder: string): string[] {
  return readdirSync(path.join(REPO_ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) {
      return sourcesUnder(relative);
    }
    return entry.name.endsWith(".ts") ? [relative] : [];
  });
}

const folderOf = (file: string) => path.posix.dirname(file);

function allowed(from: string, to: string): boolean {
  if (from === to) {
    return true;
  }
  const rule = MAY_IMPORT[from];
  if (rule !== undefined) {
    return rule.includes(to);
  }
  const top = Object.keys(ON_TOP).find((name) => from === name || from.startsWith(`${name}/`));
  return top !== undefined && (ON_TOP[top] ?? []).some((prefix) => to === prefix || to.startsWith(`${prefix}/`));
}

test("every import runs down the layers: sandbox never up or into provider, provider never into what uses it", (t) => {
  const wrong: string[] = [];
  let imports = 0;
  for (const file of ["provider", "desired-state", "sandbox", "cli", "program"].flatMap(sourcesUnder)) {
    const from = folderOf(file);
    if (
      MAY_IMPORT[from] === undefined &&
      !Object.keys(ON_TOP).some((name) => from === name || from.startsWith(`${name}/`))
    ) {
      wrong.push(`${file}: its folder has no row in MAY_IMPORT`);
      continue;
    }
    for (const match of readFileSync(path.join(REPO_ROOT, file), "utf8").matchAll(/from "(\.{1,2}\/[^"]+)"/g)) {
      imports += 1;
      const target = path.posix.normalize(path.posix.join(from, match[1] as string));
      if (!allowed(from, folderOf(target))) {
        wrong.push(`${file} imports ${target}`);
      }
    }
  }
  t.true(imports > 300, `the scan read the imports (${imports})`);
  t.deepEqual(wrong, []);
});
