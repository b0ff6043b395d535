import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import test from "ava";
import { REPO_ROOT } from "../../scripts/pulumi-cli.js";

/**
 * The repository stands alone: every file a comment or a document names (`docs/amplify-api.md`,
 * `check-inputs.ts`, `sandbox/README.md`) is in it. A cited path must match the end of a file's path here.
 */

const SKIPPED_FOLDERS = new Set(["node_modules", "dist", ".git"]);
const SCANNED = /\.(ts|md|go|sh|yaml)$/;
const CITATION = /(?<![\w./@:-])((?:\.{1,2}\/)*(?:[\w.-]+\/)*[\w-]+(?:\.[\w-]+)*\.(?:ts|md|json|yaml|go|sh))(?![\w/])/g;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isSymbolicLink() || SKIPPED_FOLDERS.has(entry.name)) {
      return [];
    }
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [path.relative(REPO_ROOT, full).split(path.sep).join("/")];
  });
}

/** The prose of a line: a document's whole line, a program's comment (test data in code is not a citation). */
function proseOf(file: string, line: string): string {
  if (file.endsWith(".md")) {
    return line;
  }
  const marker = file.endsWith(".sh") || file.endsWith(".yaml") ? "#" : "//";
  const trimmed = line.trim();
  if (marker === "//" && (trimmed.startsWith("*") || trimmed.startsWith("/*"))) {
    return line;
  }
  const at = line.indexOf(`${marker} `);
  return at === -1 ? "" : line.slice(at);
}

test("every file cited in the code's comments and the documents is in the repository", (t) => {
  const files = filesUnder(REPO_ROOT);
  const exists = (cited: string, from: string) =>
    cited.startsWith(".")
      ? files.includes(path.posix.normalize(path.posix.join(path.posix.dirname(from), cited)))
      : files.some((file) => file === cited || file.endsWith(`/${cited}`));
  const missing: string[] = [];
  let citations = 0;
  for (const file of files.filter((name) => SCANNED.test(name))) {
    for (const [lineIndex, line] of readFileSync(path.join(REPO_ROOT, file), "utf8").split("\n").entries()) {
      for (const match of proseOf(file, line).matchAll(CITATION)) {
        // A path inside this package, as a user imports it, is a path in this repository.
        const cited = (match[1] as string).replace(/^pulumi-amplify-box\//, "");
        citations += 1;
        if (!exists(cited, file)) {
          missing.push(`${file}:${lineIndex + 1}: ${cited}`);
        }
      }
    }
  }
  t.true(citations > 100, `the scan found citations (${citations})`);
  t.deepEqual(missing, []);
});
