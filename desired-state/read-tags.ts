import type { Node } from "yaml";
import { tagProblem } from "../provider/mapping/input-rules.js";
import { itemPath } from "./property-path.js";
import { scalarValue } from "./read-values.js";
import { describe, type MapEntry, type YamlReader } from "./yaml-reader.js";

/** `tags: [a, b]`: each by the provider's rule (input-rules.ts). */
export function readTags(reader: YamlReader, entry: MapEntry): string[] | undefined {
  const list = reader.sequence(entry.value, entry.path, entry.valueAt, "a list of strings");
  if (list === undefined) {
    return undefined;
  }
  const tags: string[] = [];
  let ok = true;
  list.items.forEach((item, index) => {
    const path = itemPath(entry.path, index);
    const written = item as Node | null;
    const node = reader.resolve(written, path);
    const at = written === null ? entry.valueAt : reader.at(written);
    const tag = scalarValue(node);
    const problem = tagProblem(tag, tags, describe(node));
    if (problem === undefined) {
      tags.push(tag as string);
    } else {
      reader.fail(at, path, problem);
      ok = false;
    }
  });
  return ok ? tags : undefined;
}
