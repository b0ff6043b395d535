/**
 * Per operation: create, read, update and delete through the provider, in-process and through the real
 * dynamic-provider host over gRPC, against the same raw HTTP request made with got. The three are interleaved (in
 * a rotating order) so that drift in the machine's load hits them alike.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Got } from "got";
import type { BoxInstanceInputs, BoxInstanceOutputs } from "../provider/mapping/box-instance-state.js";
import { toCreateBody } from "../provider/mapping/to-create-body.js";
import type { Sandbox } from "../sandbox/index.js";
import { boxInputs } from "../test/helpers/box-inputs.js";
import {
  asSentByEngine,
  PROVIDER_KEY,
  type Props,
  type ProviderHost,
  startProviderHost,
} from "../test/helpers/provider-host.js";
import { loadProviderSource } from "../test/helpers/provider-source.js";
import { hostFloorProviderText } from "./host-floor-provider.js";
import { rawHttp } from "./raw-http.js";
import { type Summary, summarize } from "./stats.js";

export const OPERATIONS = ["create", "read", "update", "delete"] as const;
export type Operation = (typeof OPERATIONS)[number];
export const MODES = ["raw", "inProcess", "host", "hostFloor"] as const;
export type Mode = (typeof MODES)[number];

export interface OperationFigures {
  readonly operation: Operation;
  readonly requests: string;
  readonly summaries: Record<Mode, Summary>;
}

/** One instance as each mode knows it: its id, and for the provider modes the outputs recorded in state. */
interface Tracked {
  readonly id: string;
  readonly inputs: BoxInstanceInputs;
  outs: BoxInstanceOutputs | undefined;
}

const provider = loadProviderSource();

/** The stack config the engine would pass to configure(), for `sandbox`. */
export function stackConfigFor(sandbox: Sandbox): Record<string, string> {
  return {
    "amplify:baseUrl": sandbox.baseUrl,
    "amplify:userSecret": sandbox.userSecret,
    "amplify:organizationSecret": sandbox.organizationSecret,
  };
}

export async function benchOperations(
  sandbox: Sandbox,
  options: { runs: number; warmup: number; latencyMs: number },
): Promise<OperationFigures[]> {
  const config = stackConfigFor(sandbox);
  await provider.configure({ config: { get: (key: string) => config[key] } } as pulumi.dynamic.ConfigureRequest);
  const host = await startProviderHost({ config });
  try {
    const raw = rawHttp(sandbox);
    const modes: Record<Mode, ModeDriver> = {
      raw: rawDriver(raw),
      inProcess: inProcessDriver(),
      host: hostDriver(host),
      hostFloor: hostFloorDriver(host, await hostFloorProviderText()),
    };
    const total = options.warmup + options.runs;
    const samples = Object.fromEntries(
      OPERATIONS.map((operation) => [
        operation,
        { raw: [] as number[], inProcess: [] as number[], host: [] as number[], hostFloor: [] as number[] },
      ]),
    ) as Record<Operation, Record<Mode, number[]>>;

    let listings = 0;
    // One instance at a time per mode, through its whole life: the sandbox (in this process) then holds one
    // instance, so its own cost for the stack's listing stays out of the figures.
    for (let run = 0; run < total; run += 1) {
      for (let turn = 0; turn < MODES.length; turn += 1) {
        const mode = MODES[(run + turn) % MODES.length] as Mode;
        const driver = modes[mode];
        const inputs = await checked(boxInputs({}, `bench${run}${mode}`));
        const times = {} as Record<Operation, number>;
        let started = performance.now();
        const created = await driver.create(inputs);
        times.create = performance.now() - started;
        const target: Tracked = { id: created.id, inputs, outs: created.outs };
        for (const operation of ["read", "update", "delete"] as const) {
          started = performance.now();
          await driver[operation](target, run);
          times[operation] = performance.now() - started;
        }
        if (run >= options.warmup) {
          for (const operation of OPERATIONS) {
            samples[operation][mode].push(times[operation]);
          }
        }
      }
      if (run % 50 === 49 || run === total - 1) {
        listings += checkRequests(sandbox);
        sandbox.clearRequests();
      }
    }
    if (sandbox.instances().length !== 0) {
      throw new Error(`${sandbox.instances().length} instances left after the delete runs`);
    }
    return OPERATIONS.map((operation) => ({
      operation,
      requests: operation === "create" ? createRequests(listings, total) : REQUESTS[operation],
      summaries: {
        raw: summarize(samples[operation].raw),
        inProcess: summarize(samples[operation].inProcess),
        host: summarize(samples[operation].host),
        hostFloor: summarize(samples[operation].hostFloor),
      },
    }));
  } finally {
    await host.close();
  }
}

/**
 * The provider modes must send what the raw mode sends (plus the stack's listing, once per provider process), or the
 * comparison means nothing. Returns how many listings of the stack (`GET /instances?tags[]=…`) were sent.
 */
function checkRequests(sandbox: Sandbox): number {
  const requests = sandbox.requests;
  const failed = requests.filter((request) => request.status >= 300);
  if (failed.length > 0) {
    throw new Error(`${failed.length} requests failed, e.g. ${JSON.stringify(failed[0])}`);
  }
  const patches = requests.filter((request) => request.method === "PATCH");
  const bodies = new Set(patches.map((request) => Object.keys(request.body as object).join()));
  const keys = new Set(
    patches.flatMap((request) => Object.keys((request.body as { configuration?: object }).configuration ?? {})),
  );
  if (bodies.size !== 1 || keys.size !== 1) {
    throw new Error(`update: the PATCH bodies differ between modes: ${[...bodies, ...keys].join(" | ")}`);
  }
  return requests.filter(
    (request) => request.method === "GET" && request.path.endsWith("/instances") && "tags[]" in request.query,
  ).length;
}

/** What a provider create sent: a POST, and the stack's listing once per provider process (in the warm-up). */
function createRequests(listings: number, runs: number): string {
  return `provider: POST; the stack's listing \`GET ?tags[]=pulumi:<project>/<stack>\` ${listings} times in ${runs} creates per mode (once per provider process); raw: POST`;
}

const REQUESTS: Record<Operation, string> = {
  create: "provider: POST (and the stack's listing once per process); raw: POST",
  read: "GET /instances/{id}",
  update: "PATCH /instances/{id}",
  delete: "DELETE /instances/{id}",
};

interface ModeDriver {
  create(inputs: BoxInstanceInputs): Promise<{ id: string; outs: BoxInstanceOutputs | undefined }>;
  read(target: Tracked, run: number): Promise<void>;
  update(target: Tracked, run: number): Promise<void>;
  delete(target: Tracked, run: number): Promise<void>;
}

/** The inputs as check() returns them, which is what the engine hands to create and update. */
async function checked(inputs: BoxInstanceInputs): Promise<BoxInstanceInputs> {
  const result = await provider.check({} as BoxInstanceInputs, inputs);
  if ((result.failures?.length ?? 0) > 0) {
    throw new Error(`check failed: ${JSON.stringify(result.failures)}`);
  }
  return result.inputs as BoxInstanceInputs;
}

/** Each update moves the webhook to a new URL: one configuration key in the PATCH. */
function webhookUrl(run: number): string {
  return `https://hooks.example.com/bench/${run}`;
}

function updatedInputs(target: Tracked, run: number): BoxInstanceInputs {
  return { ...target.inputs, events: { ...target.inputs.events, callbackUrl: webhookUrl(run) } };
}

/** The body the provider sends for that change; benchOperations checks that it really does. */
function webhookPatch(run: number): unknown {
  return { configuration: { "event.notification.callback.url": webhookUrl(run) } };
}

function rawDriver(raw: Got): ModeDriver {
  return {
    async create(inputs) {
      const body = await raw.post("instances", { json: toCreateBody(inputs) }).json<{ id: number }>();
      return { id: String(body.id), outs: undefined };
    },
    async read(target) {
      await raw.get(`instances/${target.id}`);
    },
    async update(target, run) {
      await raw.patch(`instances/${target.id}`, { json: webhookPatch(run) });
    },
    async delete(target) {
      await raw.delete(`instances/${target.id}`);
    },
  };
}

function inProcessDriver(): ModeDriver {
  return {
    async create(inputs) {
      const created = await provider.create(inputs);
      return { id: created.id, outs: created.outs as BoxInstanceOutputs };
    },
    async read(target) {
      await provider.read(target.id, target.outs);
    },
    async update(target, run) {
      const updated = await provider.update(target.id, target.outs as BoxInstanceOutputs, updatedInputs(target, run));
      target.outs = updated.outs as BoxInstanceOutputs;
    },
    async delete(target) {
      await provider.delete(target.id, target.outs as BoxInstanceOutputs);
    },
  };
}

function hostDriver(host: ProviderHost): ModeDriver {
  return {
    async create(inputs) {
      const created = await host.create(asSentByEngine(inputs as unknown as Props));
      return { id: created.id, outs: created.properties as unknown as BoxInstanceOutputs };
    },
    async read(target) {
      await host.read(target.id, target.outs as unknown as Props);
    },
    async update(target, run) {
      const news = asSentByEngine(updatedInputs(target, run) as unknown as Props);
      const updated = await host.update(target.id, target.outs as unknown as Props, news);
      target.outs = updated.properties as unknown as BoxInstanceOutputs;
    },
    async delete(target) {
      await host.delete(target.id, target.outs as unknown as Props);
    },
  };
}

/** The same host process, with the floor provider in `__provider`: the host's own cost for the same requests. */
function hostFloorDriver(host: ProviderHost, floorText: string): ModeDriver {
  const withFloor = (props: Props): Props => ({ ...props, [PROVIDER_KEY]: floorText });
  return {
    async create(inputs) {
      const created = await host.create(withFloor({ __createBody: toCreateBody(inputs) as unknown }));
      return { id: created.id, outs: undefined };
    },
    async read(target) {
      await host.read(target.id, withFloor({}));
    },
    async update(target, run) {
      await host.update(target.id, withFloor({}), withFloor({ __patchBody: webhookPatch(run) }));
    },
    async delete(target) {
      await host.delete(target.id, withFloor({}));
    },
  };
}
