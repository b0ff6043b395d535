import { setTimeout as sleep } from "node:timers/promises";
import { AmplifyApiError, AmplifyNetworkError } from "../client/amplify-error.js";
import { type Instance, tagNames } from "../client/instance-types.js";
import type { InstancesClient } from "../client/instances-client.js";
import { retryDelay } from "../client/retry-policy.js";
import type { BoxInstanceInputs } from "../mapping/box-instance-state.js";
import { stackTagOf } from "../mapping/ownership-tag.js";
import { toCreateBody } from "../mapping/to-create-body.js";
import { forgetStackListing, inventoriedOwners, strikeOff } from "./stack-inventory.js";

/** How a create ended: a new instance, or one that an earlier, interrupted create had already made. */
export type CreateOutcome =
  | { readonly kind: "created"; readonly instance: Instance }
  | { readonly kind: "found"; readonly instance: Instance };

/**
 * Creates the instance for `inputs`, or finds the one an interrupted earlier create made (a crash, or an answer
 * lost after the platform committed), so that one desired instance never becomes two.
 *
 * The search for an orphan comes first, and the POST only when it found nothing: a POST sent while an orphan
 * exists is a blind repeat. A grant code would be refused (already spent on the orphan), but a refresh token makes
 * a second instance, Box webhook included, and an error between its creation and its deletion leaks it. The search
 * reads the stack's inventory (one listing per provider process, stack-inventory.ts), or looks the resource's own
 * tag up when the tag names no stack.
 */
export async function createOrFindInstance(client: InstancesClient, inputs: BoxInstanceInputs): Promise<CreateOutcome> {
  const { baseUrl } = client;
  const tag = inputs.ownershipTag;
  const stackTag = tag === undefined ? undefined : stackTagOf(tag);
  if (tag !== undefined) {
    let orphan =
      stackTag === undefined
        ? await soleOwned(client, tag)
        : await soleLive(client, tag, await inventoriedOwners(client, baseUrl, stackTag, tag));
    if (orphan === undefined && stackTag !== undefined && inputs.refreshToken !== undefined) {
      // An orphan left before instances carried the stack tag is not in the listing. A grant code would be refused
      // as spent on it, but a refresh token would make a second instance: that case alone pays the look-up.
      orphan = await soleOwned(client, tag);
    }
    if (orphan !== undefined) {
      strikeOff(baseUrl, String(orphan.id));
      return { kind: "found", instance: orphan };
    }
  }
  try {
    return await postInstance(client, inputs);
  } catch (error) {
    if (stackTag !== undefined) {
      // The instance may exist now without this process knowing it (an answer lost, then a look-up that failed):
      // a later create of the resource must list again. After a plain refusal that costs one listing; so be it.
      forgetStackListing(baseUrl, stackTag);
    }
    throw error;
  }
}

/**
 * `POST /instances`, repeated only when the platform provably did not act: the client itself waits out a 429; after
 * a failure that leaves the outcome unknown (reset, timeout, 5xx) a look-up by the ownership tag decides, and when it
 * finds the instance, that is the result. Waits follow the client's backoff policy, within its deadline.
 */
async function postInstance(client: InstancesClient, inputs: BoxInstanceInputs): Promise<CreateOutcome> {
  const started = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return {
        kind: "created",
        instance: await client.create(toCreateBody(inputs), `create instance "${inputs.name}"`),
      };
    } catch (error) {
      if (!isAmbiguous(error)) {
        throw error;
      }
      if (inputs.ownershipTag !== undefined) {
        const found = await soleOwned(client, inputs.ownershipTag).catch((lookupError: unknown) => {
          throw new Error(
            `${messageOf(error)}; AMPLIFY may have made the instance anyway, and looking for it failed too ` +
              `(${messageOf(lookupError)}): the next pulumi up looks again and takes it over`,
          );
        });
        if (found !== undefined) {
          return { kind: "found", instance: found };
        }
      }
      const delay = retryDelay(client.policy, {
        attempt,
        elapsedMs: Date.now() - started,
        retryAfterMs: error instanceof AmplifyApiError ? error.retryAfterMs : undefined,
        random: Math.random(),
      });
      if (delay === 0) {
        throw error;
      }
      await sleep(delay);
    }
  }
}

/**
 * The one live instance carrying `tag`, read in full (a list may be summarized, without token or configuration), or
 * `undefined`. More than one is an error to resolve by hand.
 */
async function soleOwned(client: InstancesClient, tag: string): Promise<Instance | undefined> {
  return soleLive(client, tag, await listOwned(client, tag));
}

/**
 * The one instance of `owned` (found carrying `tag`), read in full; `undefined` when there is none, or when it has
 * been deleted since it was listed. More than one is an error to resolve by hand.
 */
async function soleLive(
  client: InstancesClient,
  tag: string,
  owned: readonly Instance[],
): Promise<Instance | undefined> {
  if (owned.length > 1) {
    throw new Error(
      `${owned.length} instances carry the ownership tag "${tag}" (ids ${owned.map((i) => i.id).join(", ")}); ` +
        "delete the extra ones in AMPLIFY, then run pulumi up again",
    );
  }
  const [only] = owned;
  if (only === undefined) {
    return undefined;
  }
  try {
    return await client.get(String(only.id), `read instance ${only.id}`);
  } catch (error) {
    if (error instanceof AmplifyApiError && error.status === 404) {
      return undefined;
    }
    throw error;
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The live instances carrying `tag`. */
async function listOwned(client: InstancesClient, tag: string): Promise<Instance[]> {
  const found = await client.list({ tags: [tag] }, `look up instances tagged "${tag}"`);
  // Filter again: a platform that ignored the tag filter must not hand us someone else's instance.
  return found.filter((instance) => tagNames(instance).includes(tag));
}

/** A failure after which the platform may or may not have created the instance. */
function isAmbiguous(error: unknown): boolean {
  if (error instanceof AmplifyNetworkError) {
    // Refused connections never reached the platform.
    return error.code !== "ECONNREFUSED";
  }
  return error instanceof AmplifyApiError && error.status >= 500;
}
