import type { DesiredInstance } from "../../desired-state/desired-state.js";
import { formatProblem } from "../../desired-state/desired-state-problem.js";
import { loadDesiredState } from "../../desired-state/load-desired-state.js";
import type { ImportedInstance } from "./imported-instance.js";

export type WrittenCheck =
  | { readonly ok: true; readonly changes: ReadonlyMap<string, readonly string[]> }
  | { readonly ok: false; readonly problems: readonly string[] };

/** `{ env: NAME }` references of the entries already there resolve to a stand-in: only the file's shape is read. */
const ANY_ENVIRONMENT = new Proxy({}, { get: () => "set" }) as Readonly<Record<string, string>>;

/**
 * Loads the text about to be written with the same loader `pulumi up` uses, and says, per imported entry, what
 * `pulumi up` would still change on its instance: what the file's `defaults` add to it (tags, events, configuration).
 * A file the loader refuses is reported with its problems and must not be written.
 */
export function checkWritten(text: string, file: string, imported: readonly ImportedInstance[]): WrittenCheck {
  const loaded = loadDesiredState(text, file, { env: ANY_ENVIRONMENT });
  if (!loaded.ok) {
    return { ok: false, problems: loaded.problems.map(formatProblem) };
  }
  const byName = new Map(loaded.state.instances.map((instance) => [instance.logicalName, instance]));
  const changes = new Map<string, string[]>();
  for (const entry of imported) {
    const desired = byName.get(entry.logicalName);
    const differences = desired === undefined ? ["the entry is missing"] : differencesOf(entry, desired);
    if (differences.length > 0) {
      changes.set(entry.logicalName, differences);
    }
  }
  return { ok: true, changes };
}

function differencesOf(entry: ImportedInstance, desired: DesiredInstance): string[] {
  const found: string[] = [];
  const added = (desired.tags ?? []).filter((tag) => !entry.tags.includes(tag));
  if (added.length > 0) {
    found.push(`tags: the file's defaults add ${added.join(", ")}`);
  }
  if (desired.events?.callbackUrl !== entry.events.callbackUrl) {
    found.push(`events.callbackUrl: the file's defaults set ${desired.events?.callbackUrl}`);
  }
  if (desired.events?.signatureKey !== undefined && entry.events.signatureKeyKey === undefined) {
    found.push("events.signatureKey: the file's defaults set one, and the instance has none");
  }
  for (const [key, value] of Object.entries(desired.configuration ?? {})) {
    const own = entry.configuration[key];
    if (own === undefined || String(own) !== String(value)) {
      found.push(`configuration.${key}: the file's defaults set ${JSON.stringify(value)}`);
    }
  }
  return found;
}
