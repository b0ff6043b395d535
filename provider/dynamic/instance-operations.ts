import type * as pulumi from "@pulumi/pulumi";
import { AmplifyApiError, AmplifyNetworkError } from "../client/amplify-error.js";
import { type Instance, InstancesClient, tagNames } from "../client/index.js";
import type { BoxInstanceInputs, BoxInstanceOutputs } from "../mapping/box-instance-state.js";
import { checkInputs } from "../mapping/check-inputs.js";
import {
  type KnownConfiguration,
  nonSecretValues,
  passThroughKeysOf,
  toObservedInputs,
  toOutputs,
} from "../mapping/from-instance.js";
import { isResourceOwnershipTag } from "../mapping/ownership-tag.js";
import { heldSecretsOf, planUpdate, withEventDefaults } from "../mapping/plan-update.js";
import type { SecretValues } from "../mapping/secret-digests.js";
import { BOX_ELEMENT_KEY, desiredConfiguration } from "../mapping/to-create-body.js";
import { ConnectionConfigError, rememberStackConfig, resolveConnectionSettings } from "./connection-config.js";
import { createOrFindInstance } from "./create-instance.js";
import { withPlainErrors } from "./plain-error.js";
import { debugRequestLogger } from "./request-logger.js";
import { resetStackInventories, strikeOff } from "./stack-inventory.js";

/**
 * Pulumi's CRUD contract over the AMPLIFY `/instances` API: what the dynamic provider does.
 *
 * It holds no credentials and builds its HTTP client inside each call; connection settings come from
 * `configure()` (stack config) or the environment, and live only in the provider process. The `__provider` text in
 * state (provider-source.ts) loads this module by package name in that process.
 */
export const instanceOperations: Required<pulumi.dynamic.ResourceProvider<BoxInstanceInputs, BoxInstanceOutputs>> = {
  async configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
    rememberStackConfig((key) => request.config.get(key));
    resetStackInventories();
  },

  async check(
    olds: BoxInstanceInputs,
    news: BoxInstanceInputs,
  ): Promise<pulumi.dynamic.CheckResult<BoxInstanceInputs>> {
    return withPlainErrors(async () => {
      const { inputs, failures } = checkInputs(
        news as unknown as Record<string, unknown>,
        olds as unknown as Record<string, unknown>,
      );
      try {
        resolveConnectionSettings();
      } catch (error) {
        if (!(error instanceof ConnectionConfigError)) {
          throw error;
        }
        failures.unshift({ property: "", reason: error.message });
      }
      return failures.length === 0 ? { inputs } : { inputs, failures };
    });
  },

  async diff(id: string, olds: BoxInstanceOutputs, news: BoxInstanceInputs): Promise<pulumi.dynamic.DiffResult> {
    return withPlainErrors(async () => {
      const plan = planUpdate(id, olds, news);
      return {
        changes: plan.changed.length > 0 || plan.replaces.length > 0,
        replaces: plan.replaces,
        // Two live instances carrying one ownership tag would confuse the create-time lookup: replace by deleting
        // first. Only a retargeted adoptInstanceId replaces, and that one needs no grant code.
        deleteBeforeReplace: plan.replaces.length > 0,
      };
    });
  },

  async create(inputs: BoxInstanceInputs): Promise<pulumi.dynamic.CreateResult<BoxInstanceOutputs>> {
    return withPlainErrors(async () => {
      const client = newClient();
      const passThroughKeys = Object.keys(inputs.configuration ?? {});
      if (inputs.adoptInstanceId !== undefined) {
        const existing = await getOrExplain(client, inputs.adoptInstanceId, `adopt instance ${inputs.adoptInstanceId}`);
        refuseIfOwnedElsewhere(existing, inputs);
        // Adopting takes the instance as it is, as an import does: what AMPLIFY shows is compared and only what
        // differs is sent. The secrets it holds cannot be compared where the platform masks them; they are taken to
        // be the inputs' (a platform that answers them in clear shows otherwise, and then they are sent).
        return converge(client, existing, inputs, heldConfigurationSecrets(inputs), passThroughKeys);
      }
      const outcome = await createOrFindInstance(client, inputs);
      if (outcome.kind === "found") {
        // An interrupted run of this resource POSTed it with these inputs: its grant code or refresh token was spent
        // on it (converging must not authorize with it again), and the secrets it holds are taken to be these, as a
        // masked value is taken to be unchanged. A platform that answers secrets in clear shows otherwise, and
        // then they are sent.
        const result = await converge(client, outcome.instance, inputs, heldSecretsOf(inputs), passThroughKeys);
        // The engine will report a create; the provider's stderr reaches the run's output and says what it was.
        process.stderr.write(
          `amplify: took over instance ${result.id} ("${result.outs?.name}"), which an interrupted earlier run ` +
            `created for ${inputs.ownershipTag ?? "this resource"}, instead of creating another\n`,
        );
        return result;
      }
      const created = outcome.instance;
      const outs = toOutputs(created, {
        heldSecrets: heldSecretsOf(inputs),
        passThroughKeys,
        knownConfiguration: sentConfiguration(inputs),
      });
      return { id: String(created.id), outs };
    });
  },

  async read(id: string, props?: BoxInstanceOutputs): Promise<pulumi.dynamic.ReadResult<BoxInstanceOutputs>> {
    return withPlainErrors(async () => {
      const client = newClient();
      let instance: Instance;
      try {
        instance = await client.get(id, `refresh instance ${id}`);
      } catch (error) {
        if (error instanceof AmplifyApiError && error.status === 404) {
          // Gone: an empty id tells the engine to drop the resource from state.
          return { id: "" };
        }
        throw error;
      }
      const outs = toOutputs(instance, {
        recorded: props,
        passThroughKeys: props === undefined ? [] : passThroughKeysOf(props),
        adoptInstanceId: props?.adoptInstanceId,
        knownConfiguration: props?.configuration,
        knownToken: props?.token,
      });
      return { id, props: outs, inputs: toObservedInputs(outs) as BoxInstanceOutputs };
    });
  },

  async update(
    id: string,
    olds: BoxInstanceOutputs,
    news: BoxInstanceInputs,
  ): Promise<pulumi.dynamic.UpdateResult<BoxInstanceOutputs>> {
    return withPlainErrors(async () => {
      const client = newClient();
      const plan = planUpdate(id, olds, news);
      const passThroughKeys = Object.keys(news.configuration ?? {});
      const carried = {
        heldSecrets: plan.heldSecrets,
        passThroughKeys,
        adoptInstanceId: news.adoptInstanceId,
        // Once the update is through, AMPLIFY holds the desired values; what it did not change, state knew.
        knownConfiguration: { ...olds.configuration, ...sentConfiguration(news) },
        knownToken: olds.token,
      };
      const instance =
        Object.keys(plan.patch).length === 0
          ? await client.get(id, `read instance ${id}`)
          : await client
              .patch(id, plan.patch, `update instance ${id} ("${news.name}"): ${plan.changed.join(", ")}`)
              .catch((error: unknown) => {
                throw plan.patch.providerData === undefined ? error : explainSpentCode(error);
              })
              .then((answer) => readBackIfPartial(client, id, answer));
      return { outs: toOutputs(instance, carried) };
    });
  },

  async delete(id: string): Promise<void> {
    return withPlainErrors(async () => {
      const client = newClient();
      try {
        await client.delete(id, `delete instance ${id}`);
      } catch (error) {
        if (!(error instanceof AmplifyApiError && error.status === 404)) {
          throw error;
        }
        // Already gone, which is what delete wants.
      }
      strikeOff(client.baseUrl, id);
    });
  },
};

/**
 * A re-authentication whose answer was lost (a reset, a timeout) may have spent its single-use grant code: the next
 * run's PATCH is then refused with `invalid_grant`. Say so, and what to do.
 */
function explainSpentCode(error: unknown): unknown {
  const hint =
    error instanceof AmplifyApiError && error.status === 400 && /invalid_grant/.test(error.message)
      ? "Grant codes are single use: if an earlier pulumi up lost its answer while re-authenticating, it may have " +
        "spent this code on the instance already. Set a fresh authorizationCode and run pulumi up again."
      : error instanceof AmplifyNetworkError
        ? "AMPLIFY may have re-authenticated the instance before the answer was lost; if the next pulumi up " +
          "reports the grant code as already used, set a fresh authorizationCode."
        : undefined;
  if (hint === undefined || !(error instanceof Error)) {
    return error;
  }
  const explained = new Error(`${error.message}. ${hint}`);
  explained.name = error.name;
  return explained;
}

/**
 * The instance as a PATCH left it. The docs show whole instances in answers, but not for every call: an answer
 * without the token or the configuration is completed by a read, or the outputs would lose a re-authentication's
 * new token or every configuration value.
 */
async function readBackIfPartial(client: InstancesClient, id: string, answer: Instance): Promise<Instance> {
  return answer.token === undefined || answer.configuration === undefined
    ? client.get(id, `read instance ${id} back`)
    : answer;
}

function newClient(): InstancesClient {
  const onRequest = debugRequestLogger();
  return new InstancesClient(resolveConnectionSettings(), onRequest === undefined ? {} : { onRequest });
}

/** Reads an instance; a 404 becomes a message about the id the user gave. */
async function getOrExplain(client: InstancesClient, id: string, operation: string): Promise<Instance> {
  try {
    return await client.get(id, operation);
  } catch (error) {
    if (error instanceof AmplifyApiError && error.status === 404) {
      throw new Error(
        `adoptInstanceId "${id}": AMPLIFY has no instance with that id (requestId ${error.requestId ?? "-"})`,
      );
    }
    throw error;
  }
}

/** Brings an existing instance to the inputs with one PATCH of what differs, and returns the create result. */
async function converge(
  client: InstancesClient,
  instance: Instance,
  inputs: BoxInstanceInputs,
  knownSecrets: SecretValues,
  passThroughKeys: string[],
): Promise<pulumi.dynamic.CreateResult<BoxInstanceOutputs>> {
  const id = String(instance.id);
  const current = toOutputs(instance, { heldSecrets: knownSecrets, passThroughKeys });
  const plan = planUpdate(id, current, inputs);
  const converged =
    Object.keys(plan.patch).length === 0
      ? instance
      : await readBackIfPartial(
          client,
          id,
          await client.patch(id, plan.patch, `take over instance ${id} ("${inputs.name}"): ${plan.changed.join(", ")}`),
        );
  const outs = toOutputs(converged, {
    heldSecrets: plan.heldSecrets,
    passThroughKeys,
    adoptInstanceId: inputs.adoptInstanceId,
    knownConfiguration: sentConfiguration(inputs),
  });
  return { id, outs };
}

/**
 * The non-secret configuration the inputs ask for: once a create, update or take-over is through, AMPLIFY holds
 * these values, so they fill in what its answer masks.
 */
function sentConfiguration(inputs: BoxInstanceInputs): KnownConfiguration {
  return nonSecretValues(desiredConfiguration(withEventDefaults(inputs)));
}

/**
 * An instance another resource owns (its ownership tag, from this stack or another) is not adopted: two resources
 * would then fight over it, and destroying either would delete it under the other.
 */
function refuseIfOwnedElsewhere(instance: Instance, inputs: BoxInstanceInputs): void {
  const element = instance.element?.key;
  if (element !== undefined && element !== BOX_ELEMENT_KEY) {
    throw new Error(
      `adoptInstanceId "${instance.id}": instance ${instance.id} ("${instance.name}") is a ${element} instance, ` +
        "not a Box one; check the id",
    );
  }
  const owner = tagNames(instance).find(isResourceOwnershipTag);
  if (owner !== undefined && owner !== inputs.ownershipTag) {
    throw new Error(
      `adoptInstanceId "${instance.id}": instance ${instance.id} ("${instance.name}") is managed by ${owner}, ` +
        "another Pulumi resource; adopt it there, or remove it from that stack first",
    );
  }
}

/**
 * The secrets an adopted instance is taken to hold, as the inputs give them: the configuration's (client secret,
 * signature key), not the grants, which an adoption that names one sends to re-authorize.
 */
function heldConfigurationSecrets(inputs: BoxInstanceInputs): SecretValues {
  const { apiSecret, signatureKey } = heldSecretsOf(inputs);
  return {
    ...(apiSecret === undefined ? {} : { apiSecret }),
    ...(signatureKey === undefined ? {} : { signatureKey }),
  };
}
