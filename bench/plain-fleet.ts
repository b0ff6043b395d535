/**
 * The comparison for the fleets: a plain script that makes the same HTTP calls as the provider at the engine's
 * default parallelism, with no engine, no state and no provider in between.
 */
import { got } from "got";
import { toCreateBody } from "../provider/mapping/to-create-body.js";
import { startSandbox } from "../sandbox/index.js";
import { boxInputs } from "../test/helpers/box-inputs.js";
import { forEachConcurrently } from "./stats.js";

export type PlainCommand = "up" | "refresh" | "destroy";
/** How a create sends its ownership look-up and its POST. */
export type CreateOrder = "together" | "lookUpFirst";

export interface PlainFigures {
  readonly size: number;
  readonly order: CreateOrder;
  readonly wallMs: Record<PlainCommand, number>;
  readonly calls: Record<PlainCommand, number>;
}

/**
 * `order` follows the provider's create: its look-up and POST together, or the look-up first (fleet-bench.ts tells
 * which from the sandbox's log).
 */
export async function benchPlainFleet(
  size: number,
  options: { concurrency: number; latencyMs: number; order: CreateOrder },
): Promise<PlainFigures> {
  const { concurrency, latencyMs, order } = options;
  const sandbox = await startSandbox({ latencyMs });
  try {
    const http = got.extend({
      prefixUrl: `${sandbox.baseUrl}/`,
      headers: { authorization: sandbox.authorization, accept: "application/json" },
      responseType: "json",
      retry: { limit: 0 },
    });
    const inputs = Array.from({ length: size }, (_, index) => boxInputs({}, `plain${index}`));
    const ids: string[] = [];
    const wallMs = {} as Record<PlainCommand, number>;
    const calls = {} as Record<PlainCommand, number>;
    const measure = async (command: PlainCommand, action: () => Promise<void>) => {
      sandbox.clearRequests();
      const started = performance.now();
      await action();
      wallMs[command] = performance.now() - started;
      calls[command] = sandbox.requests.length;
    };
    await measure("up", () =>
      forEachConcurrently(inputs, concurrency, async (item, index) => {
        const lookUp = () =>
          http.get("instances", { searchParams: { "tags[]": item.ownershipTag ?? "", pageSize: 200 } });
        const post = () => http.post("instances", { json: toCreateBody(item) }).json<{ id: number }>();
        if (order === "together") {
          ids[index] = String((await Promise.all([lookUp(), post()]))[1].id);
        } else {
          await lookUp();
          ids[index] = String((await post()).id);
        }
      }),
    );
    await measure("refresh", () =>
      forEachConcurrently(ids, concurrency, async (id) => {
        await http.get(`instances/${id}`);
      }),
    );
    await measure("destroy", () =>
      forEachConcurrently(ids, concurrency, async (id) => {
        await http.delete(`instances/${id}`);
      }),
    );
    return { size, order, wallMs, calls };
  } finally {
    await sandbox.close();
  }
}
