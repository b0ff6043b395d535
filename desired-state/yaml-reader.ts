import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import { describeValue } from "../provider/mapping/input-rules.js";
import type { SourcePosition } from "./desired-state.js";
import type { DesiredStateProblem } from "./desired-state-problem.js";
import { didYouMean } from "./did-you-mean.js";
import { firstOffsetBeyondDepth, unclosedQuoteOffset } from "./nesting-depth.js";
import { childPath } from "./property-path.js";

/** A key of a mapping that passed the key checks, with its value (aliases resolved). */
export interface MapEntry {
  readonly key: string;
  readonly path: string;
  readonly keyAt: SourcePosition;
  /** `undefined` for a key with nothing after the colon written as `key:` in flow style (`{ key }`). */
  readonly value: Node | undefined;
  /** The value's position, or the key's when the value is empty (`key:` and nothing else). */
  readonly valueAt: SourcePosition;
}

/** What a mapping may hold, for the unknown-key check. */
export interface KeyRules {
  /** The keys allowed; `undefined` allows any key (a map of names, such as `instances` or `configuration`). */
  readonly keys?: readonly string[];
  /** How the mapping is named in messages: `events takes enabled, callbackUrl, signatureKey`. */
  readonly label: string;
  /** Known misspellings and what to write instead, tried before the edit-distance guess. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Keys that exist elsewhere but not here, with the reason (`name` under `defaults`). */
  readonly misplaced?: Readonly<Record<string, string>>;
  /** The message for a key written twice, given where it was first written (`3:5`). */
  readonly duplicateMessage?: (first: string) => string;
  /**
   * Keep unknown keys out of messages and paths: in a secret reference, a "key" may be a secret written by
   * mistake (`apiSecret: { s3cr3t }`).
   */
  readonly hideUnknownKeys?: boolean;
  /** How an entry's path is built from the mapping's; default `childPath`. */
  readonly keyPath?: (parent: string, key: string) => string;
}

/** Deeper than any desired-state file needs, and far below where the YAML library's recursion gives out. */
const MAX_NESTING = 64;

/** Line starts of a text the parser did not read (the nesting check stops it first). */
function lineCounterOf(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let offset = text.indexOf("\n"); offset !== -1; offset = text.indexOf("\n", offset + 1)) {
    counter.addNewLine(offset + 1);
  }
  return counter;
}

/**
 * The YAML document of a desired-state file, walked node by node so that every problem can name its line and
 * column. Collects problems instead of throwing, so that one pass reports them all.
 */
export class YamlReader {
  readonly problems: DesiredStateProblem[] = [];
  readonly root: Node | undefined;
  /** False when the text is not valid YAML: its tree is then not worth checking further. */
  readonly syntaxOk: boolean;
  private readonly document: Document.Parsed;
  private lines = new LineCounter();

  constructor(
    written: string,
    readonly file: string,
  ) {
    // A byte-order mark is not a column: editors count from the character after it.
    const text = written.startsWith("\uFEFF") ? written.slice(1) : written;
    const tooDeep = firstOffsetBeyondDepth(text, MAX_NESTING);
    // Duplicate keys are found while walking, where the path and the first occurrence are known.
    this.document = parseDocument(tooDeep === undefined ? text : "", {
      lineCounter: this.lines,
      prettyErrors: false,
      uniqueKeys: false,
      version: "1.2",
      schema: "core",
    });
    if (tooDeep !== undefined) {
      this.lines = lineCounterOf(text);
      this.fail(
        this.position(tooDeep),
        "",
        `the file nests lists and mappings more than ${MAX_NESTING} levels deep here; a desired-state file needs about six`,
      );
    }
    for (const error of this.document.errors) {
      const message =
        error.code === "MULTIPLE_DOCS"
          ? 'the file must hold one YAML document; remove the "---" that starts another'
          : `YAML syntax error: ${firstLine(error.message)}`;
      // The YAML library reports a quote that never closes at the end of the file; the editor shows it where it opens.
      const opened = /missing closing .*quote/i.test(error.message) ? unclosedQuoteOffset(text) : undefined;
      this.fail(this.position(opened ?? error.pos[0]), "", message);
    }
    for (const warning of this.document.warnings) {
      this.fail(this.position(warning.pos[0]), "", `YAML: ${firstLine(warning.message)}`);
    }
    this.syntaxOk = this.document.errors.length === 0 && tooDeep === undefined;
    this.root = this.document.contents ?? undefined;
  }

  /**
   * Records a problem. Only the first problem at one place and path is kept: the rest follow from it (an alias
   * without an anchor is also not a list of tags).
   */
  fail(at: SourcePosition, path: string, message: string): void {
    const repeated = this.problems.some(
      (problem) => problem.path === path && problem.at.line === at.line && problem.at.column === at.column,
    );
    if (!repeated) {
      this.problems.push({ file: this.file, at, path, message });
    }
  }

  position(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  at(node: Node): SourcePosition {
    return this.position(node.range?.[0] ?? 0);
  }

  /** Follows an alias to the node its anchor names; reports an alias without an anchor before it. */
  resolve(node: Node | null | undefined, path: string): Node | undefined {
    if (node === null || node === undefined) {
      return undefined;
    }
    if (!isAlias(node)) {
      return node;
    }
    const target = node.resolve(this.document);
    if (target === undefined) {
      this.fail(this.at(node), path, `YAML alias *${node.source} has no anchor &${node.source} before it`);
    }
    return target;
  }

  /** The mapping, or `undefined` after reporting `must be <expected>; got <what it is>`. */
  mapping(node: Node | undefined, path: string, at: SourcePosition, expected: string): YAMLMap | undefined {
    if (isMap(node)) {
      return node;
    }
    this.fail(at, path, `must be ${expected}; got ${describe(node)}`);
    return undefined;
  }

  sequence(node: Node | undefined, path: string, at: SourcePosition, expected: string): YAMLSeq | undefined {
    if (isSeq(node)) {
      return node;
    }
    this.fail(at, path, `must be ${expected}; got ${describe(node)}`);
    return undefined;
  }

  /**
   * The entries of a mapping in file order. Reports (and leaves out) keys that are not plain text, keys written
   * twice, YAML merge keys, and keys the rules do not allow, with a did-you-mean where one is close.
   */
  entries(map: YAMLMap, path: string, rules: KeyRules): MapEntry[] {
    const seen = new Map<string, SourcePosition>();
    const result: MapEntry[] = [];
    for (const pair of map.items) {
      const keyNode = pair.key as Node | null;
      const keyAt = keyNode === null ? this.at(map) : this.at(keyNode);
      if (!isScalar(keyNode)) {
        this.fail(keyAt, path, `keys must be plain text; got ${describe(keyNode ?? undefined)} as a key`);
        continue;
      }
      const key = keyText(keyNode);
      if (rules.hideUnknownKeys === true && rules.keys !== undefined && !rules.keys.includes(key)) {
        this.fail(keyAt, path, `unknown key; ${rules.label} takes ${rules.keys.join(", ")}`);
        continue;
      }
      const entryPath = (rules.keyPath ?? childPath)(path, key);
      const first = seen.get(key);
      if (first !== undefined) {
        const where = `${first.line}:${first.column}`;
        this.fail(keyAt, entryPath, rules.duplicateMessage?.(where) ?? `is set twice (first at ${where})`);
        continue;
      }
      seen.set(key, keyAt);
      if (key === "<<") {
        this.fail(keyAt, path, "YAML merge keys (<<) are not supported; put shared settings under defaults");
        continue;
      }
      if (rules.keys !== undefined && !rules.keys.includes(key)) {
        this.fail(keyAt, entryPath, unknownKeyMessage(key, rules));
        continue;
      }
      const valueNode = pair.value as Node | null;
      const value = this.resolve(valueNode, entryPath);
      const range = valueNode?.range;
      const written = valueNode !== null && range !== undefined && range !== null && range[1] > range[0];
      result.push({ key, path: entryPath, keyAt, value, valueAt: written ? this.at(valueNode) : keyAt });
    }
    return result;
  }
}

function unknownKeyMessage(key: string, rules: KeyRules): string {
  const misplaced = rules.misplaced?.[key];
  if (misplaced !== undefined) {
    return misplaced;
  }
  const known = rules.keys ?? [];
  const suggestion = rules.aliases?.[key] ?? didYouMean(key, known);
  const hint = suggestion === undefined ? "" : ` did you mean "${suggestion}"?`;
  return `unknown key;${hint} ${rules.label} takes ${known.join(", ")}`;
}

/** A mapping key as text: strings as written, other scalars (`123:`, `true:`) by their source. */
function keyText(node: Scalar): string {
  if (typeof node.value === "string") {
    return node.value;
  }
  return node.source ?? String(node.value);
}

/** What a value is, for `must be …; got …`. Never the value itself: it may be a secret written by mistake. */
export function describe(node: Node | undefined): string {
  if (node === undefined) {
    return "an empty value";
  }
  if (isAlias(node)) {
    return "a YAML alias";
  }
  if (isMap(node)) {
    return "a mapping";
  }
  if (isSeq(node)) {
    return "a list";
  }
  const value = (node as Scalar).value;
  // A scalar in the words the rules use for any value (input-rules.ts); YAML's !!binary is the one scalar they lack.
  return value instanceof Uint8Array ? "binary data" : describeValue(value);
}

function firstLine(message: string): string {
  return message.split("\n", 1)[0] ?? message;
}
