import { boxDefaultConfiguration } from "../../box/box-element.js";
import { checkBoxConfiguration, syncEventSubscription } from "../../box/box-rules.js";
import { badRequest } from "../../protocol/api-error.js";
import { ok } from "../../protocol/api-response.js";
import type { ApiHandler } from "../api-call.js";
import { applyAuthentication, MISSING_AUTHENTICATION_MESSAGE, requestedAuthentication } from "../authentication.js";
import { viewInstance } from "../instance-answer.js";
import { readInstanceInput } from "../instance-input.js";
import { clientKeysOf, storeNewInstance } from "../instance-writes.js";
import { ensureNameIsFree } from "../unique-name.js";

/**
 * `POST /instances` (docs/amplify-api.md §3.1): checks in the order a client fixes them (element, name, configuration,
 * authentication, name clash), then spends the grant code, then stores. Answers 200 with the whole instance.
 */
export const createInstance: ApiHandler = (call, state) => {
  const input = readInstanceInput(call.body, state.platform.masking);
  if (input.elementKey === undefined) {
    throw badRequest('element is required, such as {"key": "box"}');
  }
  if (input.name === undefined) {
    throw badRequest("name is required: a unique name for the instance");
  }
  const configuration = { ...boxDefaultConfiguration(), ...input.configuration?.values };
  checkBoxConfiguration(configuration);
  const authentication = requestedAuthentication(input);
  if (authentication === undefined) {
    throw badRequest(MISSING_AUTHENTICATION_MESSAGE);
  }
  ensureNameIsFree(state, input.name);

  const externalAuthentication = applyAuthentication(state.oauth, authentication, configuration);
  syncEventSubscription(configuration);
  const instance = storeNewInstance(state.store, {
    name: input.name,
    elementKey: input.elementKey,
    configuration,
    clientKeys: clientKeysOf(input.configuration?.values ?? {}),
    tags: [...(input.tags ?? [])],
    externalAuthentication,
    userId: state.userId,
  });
  return ok(viewInstance(state, instance));
};
