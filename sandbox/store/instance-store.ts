import { copyInstance, type SandboxInstance } from "./sandbox-instance.js";

/** The first id handed out; six digits like the platform's (docs/amplify-api.md §3.2 shows 427236). */
export const FIRST_INSTANCE_ID = 100001;
const FIRST_CONFIGURATION_ID = 700001;
const FIRST_TAG_ID = 12;

/**
 * The sandbox's memory: instances by id, plus the ids of their configuration entries. Everything going in and out
 * is copied, so a handler that builds a changed instance and then fails validation leaves no trace.
 */
export class InstanceStore {
  readonly #instances = new Map<number, SandboxInstance>();
  /** Entry ids are handed out on first sight of a key and kept while the instance lives, as a database would. */
  readonly #configurationIds = new Map<number, Map<string, number>>();
  /** Tag ids for answers that show tags as `{id, name}`: one per name, for the sandbox's lifetime. */
  readonly #tagIds = new Map<string, number>();
  #nextId = FIRST_INSTANCE_ID;
  #nextConfigurationId = FIRST_CONFIGURATION_ID;

  /** Ids are never reused: a client that kept a deleted id must get 404, not somebody else's instance. */
  allocateId(): number {
    const id = this.#nextId;
    this.#nextId += 1;
    return id;
  }

  get(id: number): SandboxInstance | undefined {
    const instance = this.#instances.get(id);
    return instance === undefined ? undefined : copyInstance(instance);
  }

  /** All instances, oldest first: the order list pages are cut in. */
  list(): SandboxInstance[] {
    return [...this.#instances.values()].sort((a, b) => a.id - b.id).map(copyInstance);
  }

  /** Inserts or replaces. */
  put(instance: SandboxInstance): void {
    this.#instances.set(instance.id, copyInstance(instance));
  }

  delete(id: number): boolean {
    this.#configurationIds.delete(id);
    return this.#instances.delete(id);
  }

  /** Empties the store; ids keep counting up, so nothing old can be mistaken for something new. */
  clear(): number {
    const count = this.#instances.size;
    this.#instances.clear();
    this.#configurationIds.clear();
    return count;
  }

  findByToken(token: string): SandboxInstance | undefined {
    for (const instance of this.#instances.values()) {
      if (instance.token === token) {
        return copyInstance(instance);
      }
    }
    return undefined;
  }

  /** Another instance already called `name`, if any (`exceptId` is the one being renamed). */
  findByName(name: string, exceptId?: number): SandboxInstance | undefined {
    for (const instance of this.#instances.values()) {
      if (instance.name === name && instance.id !== exceptId) {
        return copyInstance(instance);
      }
    }
    return undefined;
  }

  /** The id of one configuration entry of an instance, allocated on first use. */
  configurationId(instanceId: number, key: string): number {
    let ids = this.#configurationIds.get(instanceId);
    if (ids === undefined) {
      ids = new Map();
      this.#configurationIds.set(instanceId, ids);
    }
    let id = ids.get(key);
    if (id === undefined) {
      id = this.#nextConfigurationId;
      this.#nextConfigurationId += 1;
      ids.set(key, id);
    }
    return id;
  }

  /** The id of a tag name, allocated on first use, as the platform's tag table would. */
  tagId(name: string): number {
    let id = this.#tagIds.get(name);
    if (id === undefined) {
      id = FIRST_TAG_ID + this.#tagIds.size;
      this.#tagIds.set(name, id);
    }
    return id;
  }

  /** The key behind a configuration entry id of an instance, or `undefined` if it is not one of its entries. */
  configurationKey(instanceId: number, configurationId: number): string | undefined {
    for (const [key, id] of this.#configurationIds.get(instanceId) ?? []) {
      if (id === configurationId) {
        return key;
      }
    }
    return undefined;
  }
}
