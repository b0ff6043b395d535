import type { SandboxInstance } from "../store/sandbox-instance.js";
import type { SandboxState } from "./api-call.js";
import { toInstanceView } from "./instance-view.js";

/** The instance as this sandbox's platform version answers it. */
export function viewInstance(
  state: SandboxState,
  instance: SandboxInstance,
  includeConfiguration = true,
): Record<string, unknown> {
  return toInstanceView(instance, {
    platform: state.platform,
    tagId: (name) => state.store.tagId(name),
    includeConfiguration,
  });
}
