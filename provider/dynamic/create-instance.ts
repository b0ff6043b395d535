import { setTimeout as sleep } from "node:timers/promises";
import { AmplifyApiError, AmplifyNetworkError } from "../client/amplify-error.js";
import type { Instance } from "../client/instance-types.js";
import type { InstancesClient } from "../client/instances-client.js";
import { retryDelay } from "../client/retry-policy.js";
import type { BoxInstanceInputs } from "../mapping/box-instance-state.js";
import { toCreateBody } from "../mapping/to-create-body.js";

/** How a create ended: a new instance, or one found by its ownership tag that a lost answer had already made. */
export type CreateOutcome =
  | { readonly kind: "created"; readonly instance: Instance }
  | { readonly kind: "found"; readonly instance: Instance };

/**
 * `POST /instances` without ever making two instances for one resource.
 *
 * A POST is repeated only when the platform provably did not act: it answered 429 (rate limited), or a failure
 * left the outcome unknown (connection reset, timeout, 5xx) and a look-up by the ownership tag found nothing.
 * When the look-up finds the instance, that instance is the result. Waits follow the client's backoff policy and
 * the platform's `Retry-After`, within the policy's deadline.
 */
export async function createInstance(client: InstancesClient, inputs: BoxInstanceInputs): Promise<CreateOutcome> {
  const started = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return {
        kind: "created",
        instance: await client.create(toCreateBody(inputs), `create instance "${inputs.name}"`),
      };
    } catch (error) {
      const rateLimited = error instanceof AmplifyApiError && error.status === 429;
      if (!rateLimited && !isAmbiguous(error)) {
        throw error;
      }
      if (!rateLimited) {
        const found = await findOwnedInstance(client, inputs);
        if (found !== undefined) {
          return { kind: "found", instance: found };
        }
      }
      const delay = retryDelay(client.policy, {
        attempt,
        elapsedMs: Date.now() - started,
        retryAfterMs:
          error instanceof AmplifyApiError && error.retryAfterSeconds !== undefined
            ? error.retryAfterSeconds * 1000
            : undefined,
        random: Math.random(),
      });
      if (delay === 0) {
        throw error;
      }
      await sleep(delay);
    }
  }
}

/** The live instance carrying this resource's ownership tag, if any; more than one is an error to resolve by hand. */
export async function findOwnedInstance(
  client: InstancesClient,
  inputs: BoxInstanceInputs,
): Promise<Instance | undefined> {
  const tag = inputs.ownershipTag;
  if (tag === undefined) {
    return undefined;
  }
  const found = await client.list({ tags: [tag] }, `look up instances tagged "${tag}"`);
  // Filter again: a platform that ignored the tag filter must not hand us someone else's instance.
  const owned = found.filter((instance) =>
    (instance.tags ?? []).some((item) => (typeof item === "string" ? item : item.name) === tag),
  );
  if (owned.length > 1) {
    throw new Error(
      `${owned.length} instances carry the ownership tag "${tag}" (ids ${owned.map((i) => i.id).join(", ")}); ` +
        "delete the extra ones in AMPLIFY, then run pulumi up again",
    );
  }
  const [first] = owned;
  // The list may be summarized (hydrate=false); read the instance itself for its token and configuration.
  return first === undefined ? undefined : client.get(String(first.id), `read instance ${first.id}`);
}

/** A failure after which the platform may or may not have created the instance. */
function isAmbiguous(error: unknown): boolean {
  if (error instanceof AmplifyNetworkError) {
    // Refused connections never reached the platform.
    return error.code !== "ECONNREFUSED";
  }
  return error instanceof AmplifyApiError && error.status >= 500;
}
