import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { corpusFolder } from "./repository.js";

/**
 * A file of the bad corpus. Its leading comment lines say what the loader must answer:
 * - `# expect: 7:5 instances.a.events.callbackUrl: must be …`: one line per problem, in order, exactly as
 *   `formatProblemWithoutFile` prints it;
 * - `# env: NAME=value`: the environment the file is loaded with (otherwise an empty one);
 * - `# schema: accepts (why)`: the JSON Schema cannot express the rule this file breaks (it is a cross-field or
 *   load-time rule), so the schema test does not require the schema to reject it.
 */
export interface BadFile {
  readonly name: string;
  readonly text: string;
  readonly expected: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly schemaAccepts: boolean;
}

export function readBadCorpus(): BadFile[] {
  const folder = corpusFolder("bad");
  return yamlFilesIn(folder).map((name) => {
    const text = readFileSync(path.join(folder, name), "utf8");
    const header = leadingComments(text);
    const env: Record<string, string> = {};
    for (const line of header) {
      const match = /^env: ([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
      if (match?.[1] !== undefined) {
        env[match[1]] = match[2] ?? "";
      }
    }
    return {
      name,
      text,
      expected: header.filter((line) => line.startsWith("expect: ")).map((line) => line.slice("expect: ".length)),
      env,
      schemaAccepts: header.some((line) => line.startsWith("schema: accepts")),
    };
  });
}

/** A file of the good corpus with `<name>.expected.json` beside it. */
export interface GoodFile {
  readonly name: string;
  readonly text: string;
  readonly expected: GoodExpectation;
}

export interface GoodExpectation {
  /** Stack config set before declaring, by key (`key` in the test project, or `namespace:key`); all secret. */
  readonly config: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
  /**
   * The resources the mocks must see, by logical name in file order, with their inputs; a secret input is written
   * `{ "secret": <value> }`.
   */
  readonly resources: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export function readGoodCorpus(): GoodFile[] {
  const folder = corpusFolder("good");
  return yamlFilesIn(folder).map((name) => ({
    name,
    text: readFileSync(path.join(folder, name), "utf8"),
    expected: JSON.parse(
      readFileSync(path.join(folder, name.replace(/\.yaml$/, ".expected.json")), "utf8"),
    ) as GoodExpectation,
  }));
}

function yamlFilesIn(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".yaml"))
    .sort();
}

/** The comment lines before the first line that is neither a comment nor blank, without their `# `. */
function leadingComments(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) {
      lines.push(line.replace(/^#\s?/, ""));
    } else if (line.trim() !== "") {
      break;
    }
  }
  return lines;
}
