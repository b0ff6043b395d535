import { definitionOf } from "../../box/box-element.js";
import { checkBoxConfiguration } from "../../box/box-rules.js";
import { badRequest, notFound } from "../../protocol/api-error.js";
import { ok } from "../../protocol/api-response.js";
import type { SandboxInstance } from "../../store/sandbox-instance.js";
import { isMaskedPlaceholder, maskConfiguration } from "../../store/secrets.js";
import type { ApiHandler, SandboxState } from "../api-call.js";
import { readInstanceInput } from "../instance-input.js";
import { parseInstanceId, requireInstance } from "../instance-lookup.js";
import { commitUpdate, mergeConfiguration } from "../instance-writes.js";
import { requireObjectBody } from "../json-body.js";

/**
 * `GET /instances/{id}/configuration`: one entry per key, `[{id, key, propertyValue, …}]` (docs/amplify-api.md §3); the
 * other fields follow churros' element configuration schema. Secrets are masked as everywhere else.
 */
export const listConfiguration: ApiHandler = (call, state) => {
  const instance = requireInstance(state, parseInstanceId(call.params.id));
  return ok(Object.keys(instance.configuration).map((key) => configurationEntry(state, instance, key)));
};

/** `GET /instances/{id}/configuration/{configId}`: one entry (churros reads an entry back after changing it). */
export const readConfigurationEntry: ApiHandler = (call, state) => {
  const instance = requireInstance(state, parseInstanceId(call.params.id));
  return ok(configurationEntry(state, instance, requireEntryKey(state, instance, call.params.configId)));
};

/**
 * `PATCH /instances/{id}/configuration/{configId}` with `{"propertyValue": …}`; clients send the entry back whole,
 * and only `propertyValue` counts. The instance must still pass the create checks afterwards. Answers the entry.
 */
export const patchConfigurationEntry: ApiHandler = (call, state) => {
  const instance = requireInstance(state, parseInstanceId(call.params.id));
  const key = requireEntryKey(state, instance, call.params.configId);
  const fields = requireObjectBody(call.body);
  if (!("propertyValue" in fields)) {
    throw badRequest("propertyValue is required");
  }
  if (isMaskedPlaceholder(key, fields.propertyValue, state.platform.masking)) {
    return ok(configurationEntry(state, instance, key));
  }
  // Reusing the body reader gives this route exactly the value rules of a PATCH /instances/{id}.
  const body = { configuration: { [key]: fields.propertyValue } };
  const values = readInstanceInput(body, state.platform.masking).configuration?.values ?? {};
  const next: SandboxInstance = { ...instance, configuration: { ...instance.configuration } };
  mergeConfiguration(next, values);
  checkBoxConfiguration(next.configuration);
  commitUpdate(state, next);
  return ok(configurationEntry(state, next, key));
};

function requireEntryKey(state: SandboxState, instance: SandboxInstance, raw: string | undefined): string {
  const configurationId = raw !== undefined && /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : undefined;
  if (configurationId === undefined) {
    throw badRequest(`Invalid configuration id ${JSON.stringify(raw ?? "")}: a configuration id is a positive integer`);
  }
  const key = state.store.configurationKey(instance.id, configurationId);
  if (key === undefined || !(key in instance.configuration)) {
    throw notFound(`No configuration found with id ${configurationId} for instance ${instance.id}`);
  }
  return key;
}

function configurationEntry(state: SandboxState, instance: SandboxInstance, key: string): Record<string, unknown> {
  const definition = definitionOf(key);
  const value = instance.configuration[key] ?? null;
  const shown = maskConfiguration({ [key]: value }, state.platform.masking)[key];
  return {
    id: state.store.configurationId(instance.id, key),
    key,
    name: definition?.name ?? key,
    description: definition?.description ?? key,
    propertyValue: shown ?? null,
    defaultValue: definition?.defaultValue ?? null,
    type: definition?.type ?? "TEXTFIELD_1000",
    required: definition?.required ?? false,
    hideFromConsole: false,
  };
}
