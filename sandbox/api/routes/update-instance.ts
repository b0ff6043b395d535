import { BOX_GENERATED_KEYS, boxDefaultConfiguration } from "../../box/box-element.js";
import { checkBoxConfiguration } from "../../box/box-rules.js";
import { badRequest } from "../../protocol/api-error.js";
import type { SandboxInstance } from "../../store/sandbox-instance.js";
import type { ApiHandler } from "../api-call.js";
import { requestedAuthentication } from "../authentication.js";
import { readInstanceInput } from "../instance-input.js";
import { parseInstanceId, requireInstance } from "../instance-lookup.js";
import { commitUpdate, mergeConfiguration } from "../instance-writes.js";
import { ensureNameIsFree } from "../unique-name.js";

/**
 * `PATCH /instances/{id}` (docs/amplify-api.md §3.3): `name` renames, `tags` replaces the whole list, `configuration`
 * changes only the keys sent, `providerData.code` re-authenticates the same instance. The result must pass the
 * same checks as a create.
 */
export const patchInstance: ApiHandler = (call, state) => {
  const current = requireInstance(state, parseInstanceId(call.params.id));
  const input = readInstanceInput(call.body, state.platform.masking);
  const next: SandboxInstance = { ...current, configuration: { ...current.configuration } };
  if (input.name !== undefined) {
    next.name = input.name;
  }
  if (input.tags !== undefined) {
    next.tags = [...input.tags];
  }
  if (input.configuration !== undefined) {
    mergeConfiguration(next, input.configuration.values);
  }
  checkBoxConfiguration(next.configuration);
  const authentication = requestedAuthentication(input);
  if (input.name !== undefined) {
    ensureNameIsFree(state, next.name, next.id);
  }
  return commitUpdate(state, next, authentication);
};

/**
 * `PUT /instances/{id}`: a create-style body that replaces name and tags (omitted means `[]`). Whether the platform
 * resets the configuration keys it omits is UNVERIFIED (§3.3), hence `putOmittedKeys`: with `"reset"` (the default,
 * so that a client relying on PUT to keep what it did not send fails here first) a known key returns to its default
 * and a pass-through key disappears; with `"keep"` the configuration is merged as by a PATCH. What the platform
 * itself set (OAuth tokens, Box user id, webhook subscription) is kept unless the body re-authenticates, and a
 * masked value sent back as `"********"` keeps its value.
 */
export const putInstance: ApiHandler = (call, state) => {
  const current = requireInstance(state, parseInstanceId(call.params.id));
  const input = readInstanceInput(call.body, state.platform.masking);
  if (input.name === undefined) {
    throw badRequest("name is required: PUT replaces the whole instance");
  }
  const next: SandboxInstance = {
    ...current,
    name: input.name,
    tags: [...(input.tags ?? [])],
    configuration: { ...current.configuration },
  };
  if (state.platform.putOmittedKeys === "reset") {
    const kept = [...BOX_GENERATED_KEYS, ...(input.configuration?.unchanged ?? [])];
    next.configuration = boxDefaultConfiguration();
    for (const key of kept) {
      const value = current.configuration[key];
      if (value !== undefined) {
        next.configuration[key] = value;
      }
    }
    next.clientKeys = current.clientKeys.filter((key) => input.configuration?.unchanged.has(key) === true);
  }
  mergeConfiguration(next, input.configuration?.values ?? {});
  checkBoxConfiguration(next.configuration);
  const authentication = requestedAuthentication(input);
  ensureNameIsFree(state, next.name, next.id);
  return commitUpdate(state, next, authentication);
};
