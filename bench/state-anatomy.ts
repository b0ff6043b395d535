/**
 * What one instance's bytes in the state file are made of: the resource object as the file backend writes it
 * (compact JSON, one line), part by part, for the provider and the minimal provider side by side.
 */
import { STATE_PURPOSES } from "./state-purposes.js";

export interface AnatomyRow {
  /** `stackTrace`, `inputs.name`, `outputs.token`, … */
  readonly path: string;
  readonly providerBytes: number | undefined;
  readonly floorBytes: number | undefined;
  readonly purpose: string;
}

/** `"key":value` and the comma that separates it: what one member of an object costs in compact JSON. */
const memberBytes = (key: string, value: unknown): number =>
  Buffer.byteLength(`${JSON.stringify(key)}:${JSON.stringify(value)}`) + 1;

/**
 * The bytes of each part: the top-level members of the resource, with `inputs` and `outputs` taken apart into their
 * members (their braces counted with the member that holds them). The rows add up to the compact JSON's length.
 */
export function partsOf(resource: Record<string, unknown>): Map<string, number> {
  const parts = new Map<string, number>();
  // The resource's own braces, less the comma the last member does not have.
  parts.set("{}", Object.keys(resource).length > 0 ? 2 - 1 : 2);
  for (const [key, value] of Object.entries(resource)) {
    if ((key === "inputs" || key === "outputs") && typeof value === "object" && value !== null) {
      const members = Object.entries(value as Record<string, unknown>);
      // `"inputs":{` … `}` and the comma after it, less the comma its last member does not have.
      parts.set(key, Buffer.byteLength(`${JSON.stringify(key)}:{}`) + 1 - (members.length > 0 ? 1 : 0));
      for (const [member, item] of members) {
        parts.set(`${key}.${member}`, memberBytes(member, item));
      }
    } else {
      parts.set(key, memberBytes(key, value));
    }
  }
  return parts;
}

export function anatomy(provider: Record<string, unknown>, floor: Record<string, unknown>): AnatomyRow[] {
  const providerParts = partsOf(provider);
  const floorParts = partsOf(floor);
  const paths = [...new Set([...providerParts.keys(), ...floorParts.keys()])];
  return paths.map((path) => ({
    path,
    providerBytes: providerParts.get(path),
    floorBytes: floorParts.get(path),
    purpose: purposeOf(path),
  }));
}

export const UNDESCRIBED = "(not described)";

function purposeOf(path: string): string {
  return STATE_PURPOSES[path] ?? UNDESCRIBED;
}

/** The compact JSON length of a resource: what its rows must add up to. */
export const resourceBytes = (resource: Record<string, unknown>): number => Buffer.byteLength(JSON.stringify(resource));
