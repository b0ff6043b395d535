import { badRequest, notFound } from "../protocol/api-error.js";
import type { SandboxInstance } from "../store/sandbox-instance.js";
import type { SandboxState } from "./api-call.js";

/**
 * Instance ids are positive integers. Anything else in the path is a 400, not a 404: a client that builds
 * `/instances/undefined` has a bug, and a 404 would let it conclude that the instance is gone (a sandbox choice).
 */
export function parseInstanceId(raw: string | undefined): number {
  if (raw === undefined || !/^[1-9]\d{0,15}$/.test(raw)) {
    throw badRequest(`Invalid instance id ${JSON.stringify(raw ?? "")}: an instance id is a positive integer`);
  }
  return Number(raw);
}

export function requireInstance(state: SandboxState, id: number): SandboxInstance {
  const instance = state.store.get(id);
  if (instance === undefined) {
    throw notFound(`No instance found with id ${id}`);
  }
  return instance;
}
