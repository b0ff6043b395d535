import { type Instance, tagNames } from "../../provider/client/instance-types.js";
import { canonicalInstanceId } from "../../provider/mapping/input-rules.js";
import { stackTagOf } from "../../provider/mapping/ownership-tag.js";
import { BOX_ELEMENT_KEY } from "../../provider/mapping/to-create-body.js";
import type { ImportStack } from "./stack-connection.js";

export interface SelectionFilters {
  /** Every tag must be on an instance (the listing asks AMPLIFY for these already; checked again here). */
  readonly tags: readonly string[];
  /** `*` and `?` wildcards, case-insensitive, against the whole name. */
  readonly namePattern: string | undefined;
}

export interface SkippedInstance {
  readonly id: string;
  readonly name: string;
  readonly reason: string;
}

export interface Selection {
  /** The Box instances to import, in AMPLIFY's order. */
  readonly chosen: readonly Instance[];
  /** Instances the filters matched that are not imported, with why. */
  readonly skipped: readonly SkippedInstance[];
  /** How many instances the filters matched, of any element. */
  readonly matched: number;
}

/**
 * Picks the instances to import: those the filters match that are Box instances no Pulumi resource owns yet and
 * that the file merged into does not already adopt. The rest are listed with the reason.
 */
export function selectInstances(
  listed: readonly Instance[],
  filters: SelectionFilters,
  stack: ImportStack | undefined,
  alreadyAdopted: ReadonlyMap<string, string>,
): Selection {
  const pattern = filters.namePattern === undefined ? undefined : globPattern(filters.namePattern);
  const matched = listed.filter(
    (instance) =>
      filters.tags.every((tag) => tagNames(instance).includes(tag)) && (pattern?.test(instance.name) ?? true),
  );
  const chosen: Instance[] = [];
  const skipped: SkippedInstance[] = [];
  for (const instance of matched) {
    const reason = skipReason(instance, stack, alreadyAdopted);
    if (reason === undefined) {
      chosen.push(instance);
    } else {
      skipped.push({ id: String(instance.id), name: instance.name, reason });
    }
  }
  return { chosen, skipped, matched: matched.length };
}

function skipReason(
  instance: Instance,
  stack: ImportStack | undefined,
  alreadyAdopted: ReadonlyMap<string, string>,
): string | undefined {
  const element = instance.element?.key;
  if (element !== undefined && element !== BOX_ELEMENT_KEY) {
    return `not a Box instance (element ${element})`;
  }
  const adoptedAs = alreadyAdopted.get(canonicalInstanceId(String(instance.id)));
  if (adoptedAs !== undefined) {
    return `already in the file as ${adoptedAs}`;
  }
  const owner = tagNames(instance).find((tag) => stackTagOf(tag) !== undefined);
  if (owner !== undefined) {
    const ownerStack = (stackTagOf(owner) as string).slice("pulumi:".length);
    const ours = stack !== undefined && ownerStack === `${stack.project}/${stack.stack}`;
    return ours ? `already managed by this stack (${owner})` : `managed by another stack, ${ownerStack} (${owner})`;
  }
  return undefined;
}

/** `Box*prod?` → a whole-name, case-insensitive regular expression; every other character stands for itself. */
export function globPattern(glob: string): RegExp {
  const source = [...glob]
    .map((char) => (char === "*" ? ".*" : char === "?" ? "." : char.replace(/[\\^$.|+()[\]{}]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, "i");
}
