import type { Node } from "yaml";
import { isOwnershipTag, OWNERSHIP_TAG_PREFIX } from "../provider/mapping/ownership-tag.js";
import { itemPath } from "./property-path.js";
import { scalarValue } from "./read-values.js";
import { describe, type MapEntry, type YamlReader } from "./yaml-reader.js";

/** `tags: [a, b]`: unique non-empty strings, none with the prefix of the ownership tag the provider adds. */
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
    if (typeof tag !== "string" || tag.trim() === "") {
      reader.fail(at, path, `must be a non-empty string; got ${describe(node)}`);
      ok = false;
    } else if (isOwnershipTag(tag)) {
      reader.fail(
        at,
        path,
        `must not start with "${OWNERSHIP_TAG_PREFIX}": that prefix marks the owning Pulumi resource`,
      );
      ok = false;
    } else if (tags.includes(tag)) {
      reader.fail(at, path, `repeats "${tag}"`);
      ok = false;
    } else {
      tags.push(tag);
    }
  });
  return ok ? tags : undefined;
}
