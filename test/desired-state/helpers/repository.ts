import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

/**
 * The repository's root, found from the compiled test's location (dist/test/desired-state/…): the data files the
 * tests read (the bad and good corpora, the schema, the root instances.yaml) are not compiled, so they are read
 * from the source tree.
 */
export const repositoryRoot: string = findRoot(__dirname);

export const corpusFolder = (kind: "bad" | "good"): string => path.join(repositoryRoot, "test", "desired-state", kind);

function findRoot(start: string): string {
  let folder = start;
  for (;;) {
    const manifest = path.join(folder, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "pulumi-amplify-box") {
      return folder;
    }
    const parent = path.dirname(folder);
    if (parent === folder) {
      throw new Error(`no pulumi-amplify-box package.json above ${start}`);
    }
    folder = parent;
  }
}
