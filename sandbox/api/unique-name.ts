import { conflict } from "../protocol/api-error.js";
import type { SandboxState } from "./api-call.js";

/**
 * With `duplicateNames: "reject"` (the default), a create, rename or PUT onto a name another instance has is a 409.
 * Whether the platform does this is UNVERIFIED (docs/amplify-api.md §3.1), hence a switch.
 */
export function ensureNameIsFree(state: SandboxState, name: string, instanceId?: number): void {
  if (state.platform.duplicateNames === "reject" && state.store.findByName(name, instanceId) !== undefined) {
    throw conflict(`An instance with the name '${name}' already exists`);
  }
}
