import { setTimeout as sleep } from "node:timers/promises";
import { AmplifyApiError, AmplifyNetworkError } from "../client/amplify-error.js";
import type { Instance } from "../client/instance-types.js";
import type { InstancesClient } from "../client/instances-client.js";
import { retryDelay } from "../client/retry-policy.js";
import type { BoxInstanceInputs } from "../mapping/box-instance-state.js";
import { toCreateBody } from "../mapping/to-create-body.js";

/** How a create ended: a new instance, or one that an earlier, interrupted create had already made. */
export type CreateOutcome =
  | { readonly kind: "created"; readonly instance: Instance }
  | { readonly kind: "found"; readonly instance: Instance };

type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/**
 * Creates the instance for `inputs`, or finds the one an interrupted earlier create made (a crash, or an answer
 * lost after the platform committed), so that one desired instance never becomes two.
 *
 * The look-up by ownership tag runs alongside the POST rather than before it, so a create costs one round trip:
 * - nothing else carries the tag: the new instance is the result;
 * - another instance carries it (an orphan of an interrupted create): that one is the result, and the instance
 *   this POST may just have made is deleted again. Its grant code was spent on the orphan, so usually the POST has
 *   already been refused.
 */
export async function createOrFindInstance(client: InstancesClient, inputs: BoxInstanceInputs): Promise<CreateOutcome> {
  const tag = inputs.ownershipTag;
  if (tag === undefined) {
    return postInstance(client, inputs);
  }
  const [owned, posted] = await Promise.all([settle(listOwned(client, tag)), settle(postInstance(client, inputs))]);
  const createdId = posted.ok && posted.value.kind === "created" ? posted.value.instance.id : undefined;
  // A failed look-up is repeated once the POST is settled: it is the only way to rule out an orphan.
  const others = (owned.ok ? owned.value : await listOwned(client, tag)).filter(
    (instance) => instance.id !== createdId,
  );
  if (others.length === 0) {
    if (!posted.ok) {
      throw posted.error;
    }
    return posted.value;
  }
  if (others.length > 1 || (posted.ok && posted.value.kind === "found" && posted.value.instance.id !== others[0]?.id)) {
    throw new Error(
      `${others.length} instances carry the ownership tag "${tag}" (ids ${others.map((i) => i.id).join(", ")}); ` +
        "delete the extra ones in AMPLIFY, then run pulumi up again",
    );
  }
  const orphan = others[0] as Instance;
  if (createdId !== undefined) {
    await client.delete(String(createdId), `delete instance ${createdId}, a duplicate of ${orphan.id}`);
  }
  // The list may be summarized (hydrate=false); read the instance itself for its token and configuration.
  return { kind: "found", instance: await client.get(String(orphan.id), `read instance ${orphan.id}`) };
}

/**
 * `POST /instances`, repeated only when the platform provably did not act: it answered 429, or a failure left the
 * outcome unknown (reset, timeout, 5xx) and a look-up by the ownership tag found nothing. When that look-up finds
 * the instance, it is the result. Waits follow the client's backoff policy and `Retry-After`, within its deadline.
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
      const rateLimited = error instanceof AmplifyApiError && error.status === 429;
      if (!rateLimited && !isAmbiguous(error)) {
        throw error;
      }
      if (!rateLimited && inputs.ownershipTag !== undefined) {
        const [found] = await listOwned(client, inputs.ownershipTag);
        if (found !== undefined) {
          return { kind: "found", instance: found };
        }
      }
      const retryAfterSeconds = error instanceof AmplifyApiError ? error.retryAfterSeconds : undefined;
      const delay = retryDelay(client.policy, {
        attempt,
        elapsedMs: Date.now() - started,
        retryAfterMs: retryAfterSeconds === undefined ? undefined : retryAfterSeconds * 1000,
        random: Math.random(),
      });
      if (delay === 0) {
        throw error;
      }
      await sleep(delay);
    }
  }
}

/** The live instances carrying `tag`. */
async function listOwned(client: InstancesClient, tag: string): Promise<Instance[]> {
  const found = await client.list({ tags: [tag] }, `look up instances tagged "${tag}"`);
  // Filter again: a platform that ignored the tag filter must not hand us someone else's instance.
  return found.filter((instance) =>
    (instance.tags ?? []).some((item) => (typeof item === "string" ? item : item.name) === tag),
  );
}

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** A failure after which the platform may or may not have created the instance. */
function isAmbiguous(error: unknown): boolean {
  if (error instanceof AmplifyNetworkError) {
    // Refused connections never reached the platform.
    return error.code !== "ECONNREFUSED";
  }
  return error instanceof AmplifyApiError && error.status >= 500;
}
