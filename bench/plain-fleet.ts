/**
 * The comparison for the fleets: a plain script that makes the same HTTP calls as the provider at the engine's
 * default parallelism, with no engine, no state and no provider in between.
 */
import { toCreateBody } from "../provider/mapping/to-create-body.js";
import { startSandbox } from "../sandbox/index.js";
import { boxInputs } from "../test/helpers/box-inputs.js";
import { rawHttp } from "./raw-http.js";
import { forEachConcurrently } from "./stats.js";

export type PlainCommand = "up" | "refresh" | "destroy";

export interface PlainFigures {
  readonly size: number;
  readonly wallMs: Record<PlainCommand, number>;
  readonly calls: Record<PlainCommand, number>;
}

/** up: the stack's listing, then a POST per instance (as the provider does); refresh: GET; destroy: DELETE. */
export async function benchPlainFleet(
  size: number,
  options: { concurrency: number; latencyMs: number },
): Promise<PlainFigures> {
  const { concurrency, latencyMs } = options;
  const sandbox = await startSandbox({ latencyMs });
  try {
    const http = rawHttp(sandbox);
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
    await measure("up", async () => {
      await http.get("instances", { searchParams: { "tags[]": "pulumi:test/dev", pageSize: 200 } });
      await forEachConcurrently(inputs, concurrency, async (item, index) => {
        ids[index] = String((await http.post("instances", { json: toCreateBody(item) }).json<{ id: number }>()).id);
      });
    });
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
    return { size, wallMs, calls };
  } finally {
    await sandbox.close();
  }
}
