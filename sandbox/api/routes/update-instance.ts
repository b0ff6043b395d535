import { BOX_GENERATED_KEYS, boxDefaultConfiguration } from "../../box/box-element.js";
import { checkBoxConfiguration } from "../../box/box-rules.js";
import type { SandboxInstance } from "../../store/sandbox-instance.js";
import type { ApiHandler } from "../api-call.js";
import { badRequest } from "../api-error.js";
import { requestedAuthentication } from "../authentication.js";
import { readInstanceInput } from "../instance-input.js";
import { parseInstanceId, requireInstance } from "../instance-lookup.js";
import { commitUpdate, mergeConfiguration } from "../instance-writes.js";
import { ensureNameIsFree } from "../unique-name.js";

/**
 * `PATCH /instances/{id}` (amplify-api.md §3.3): `name` renames, `tags` replaces the whole list, `configuration`
 * changes only the keys sent, `providerData.code` re-authenticates the same instance. The result must pass the
 * same checks as a create.
 */
export const patchInstance: ApiHandler = (call, state) => {
  const current = requireInstance(state, parseInstanceId(call.params.id));
  const input = readInstanceInput(call.body);
  const next: SandboxInstance = { ...current, configuration: { ...current.configuration } };
  if (input.name !== undefined) {
    next.name = input.name;
  }
  if (input.tags !== undefined) {
    next.tags = [...input.tags];
  }
  if (input.configuration !== undefined) {
    mergeConfiguration(next.configuration, input.configuration.values);
  }
  checkBoxConfiguration(next.configuration);
  const authentication = requestedAuthentication(input);
  if (input.name !== undefined) {
    ensureNameIsFree(state, next.name, next.id);
  }
  return commitUpdate(state, next, authentication);
};

/**
 * `PUT /instances/{id}`: a create-style body that replaces name, tags and configuration. Whether the platform resets
 * omitted configuration keys is UNVERIFIED (§3.3); the sandbox does (a known key returns to its default, a
 * pass-through key disappears), so that a client relying on PUT to keep what it did not send fails here first.
 * What the platform itself set (OAuth tokens, Box user id, webhook subscription) is kept unless the body
 * re-authenticates, and a secret sent back as `"********"` keeps its value.
 */
export const putInstance: ApiHandler = (call, state) => {
  const current = requireInstance(state, parseInstanceId(call.params.id));
  const input = readInstanceInput(call.body);
  if (input.name === undefined) {
    throw badRequest("name is required: PUT replaces the whole instance");
  }
  const configuration = boxDefaultConfiguration();
  for (const key of [...BOX_GENERATED_KEYS, ...(input.configuration?.unchanged ?? [])]) {
    const kept = current.configuration[key];
    if (kept !== undefined) {
      configuration[key] = kept;
    }
  }
  mergeConfiguration(configuration, input.configuration?.values ?? {});
  const next: SandboxInstance = { ...current, name: input.name, tags: [...(input.tags ?? [])], configuration };
  checkBoxConfiguration(next.configuration);
  const authentication = requestedAuthentication(input);
  ensureNameIsFree(state, next.name, next.id);
  return commitUpdate(state, next, authentication);
};
