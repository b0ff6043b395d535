import { type Instance, tagNames } from "../client/instance-types.js";
import type { InstancesClient } from "../client/instances-client.js";
import { isResourceOwnershipTag } from "../mapping/ownership-tag.js";

/**
 * The instances a stack owns on the platform, listed once per provider process by the stack tag
 * (`GET /instances?tags[]=pulumi:<project>/<stack>`), grouped by resource tag.
 *
 * A create must know whether an interrupted earlier create left an instance for its resource (an orphan), and must
 * not POST if so. Looking its own tag up first costs every create a round trip; one listing for the whole run costs
 * one. It answers for orphans as well as a per-create look-up would, because only this process makes instances for
 * the stack while it runs (the engine holds the stack's lock and runs all of a provider's resources in one process),
 * and what it makes itself it knows:
 * - its own POSTs: an ambiguous failure is resolved by a look-up of that resource's tag (create-instance.ts);
 * - its own deletes: struck off here, so a replacement never takes over the instance it replaces;
 * - an instance taken over leaves the inventory, and one deleted by someone else since the listing is read in
 *   full before it is taken over (a 404 there means no orphan).
 */
/**
 * Per base URL and stack tag: resource tag → live instances carrying it and the stack tag. A listing that failed is
 * removed, so the next create lists again. Module state of the provider process (this module is loaded by name, not
 * serialized).
 */
const listings = new Map<string, Promise<Map<string, Instance[]>>>();
/**
 * Ids this process deleted or took over, per base URL: struck off every listing, including one that was in flight
 * when it happened.
 */
const settledIds = new Map<string, Set<string>>();

const listingKey = (baseUrl: string, stackTag: string) => `${baseUrl}\n${stackTag}`;

/**
 * The instances of the stack carrying `ownershipTag`, from the stack's listing (made on first use). Entries are
 * summaries: read one in full before using it.
 */
export async function inventoriedOwners(
  client: InstancesClient,
  baseUrl: string,
  stackTag: string,
  ownershipTag: string,
): Promise<Instance[]> {
  const key = listingKey(baseUrl, stackTag);
  let listing = listings.get(key);
  if (listing === undefined) {
    const started = listStack(client, stackTag);
    listing = started;
    listings.set(key, started);
    started.catch(() => {
      if (listings.get(key) === started) {
        listings.delete(key);
      }
    });
  }
  const byTag = await listing;
  const settled = settledIds.get(baseUrl);
  return (byTag.get(ownershipTag) ?? []).filter((instance) => !settled?.has(String(instance.id)));
}

/** Takes an instance out of every inventory of `baseUrl`: this process deleted it, or took it over. */
export function strikeOff(baseUrl: string, id: string): void {
  let settled = settledIds.get(baseUrl);
  if (settled === undefined) {
    settled = new Set();
    settledIds.set(baseUrl, settled);
  }
  settled.add(id);
}

/**
 * Drops the stack's listing, so that the next create lists again: after a create whose outcome is unknown (its
 * POST's answer was lost and the look-up that would tell failed), this process no longer knows all it made.
 */
export function forgetStackListing(baseUrl: string, stackTag: string): void {
  listings.delete(listingKey(baseUrl, stackTag));
}

/**
 * Starts afresh, as a new provider process does: called by `configure()`, which the engine calls when it starts the
 * provider. Forgetting costs at most one more listing; it never hides an orphan.
 */
export function resetStackInventories(): void {
  listings.clear();
  settledIds.clear();
}

async function listStack(client: InstancesClient, stackTag: string): Promise<Map<string, Instance[]>> {
  const listed = await client.list({ tags: [stackTag] }, `list the instances of stack tag "${stackTag}"`);
  const byTag = new Map<string, Instance[]>();
  for (const instance of listed) {
    const tags = tagNames(instance);
    // Filter again: a platform that ignored the tag filter must not hand us someone else's instance.
    if (!tags.includes(stackTag)) {
      continue;
    }
    for (const tag of tags.filter(isResourceOwnershipTag)) {
      byTag.set(tag, [...(byTag.get(tag) ?? []), instance]);
    }
  }
  return byTag;
}
