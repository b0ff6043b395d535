import { parseArgs } from "node:util";
import { ADMIN_PATH, BASE_PATH } from "../protocol/base-path.js";
import { BOX_EVENT_TYPES, BOX_OBJECT_TYPES } from "./box-change.js";
import type { SimulationResult } from "./event-delivery.js";

export const EVENT_COMMAND_USAGE = `Usage: node dist/sandbox/cli.js event --instance ID --type CREATED|UPDATED|DELETED [options]

Simulates a change in the Box account of a sandbox instance: the running sandbox POSTs the platform's webhook
notification to the instance's event.notification.callback.url and reports the first attempt.

Options:
  --base URL          the sandbox, as its origin or API base URL (default: $AMPLIFY_BASE_URL)
  --instance ID       the instance id
  --type TYPE         CREATED, UPDATED or DELETED
  --object KIND       file or folder (default file)
  --object-id ID      the Box id of the file or folder (default: a random one)
  --count N           simulate N changes (notifications carry at most 20 events each; default 1)
  -h, --help          show this help

Exit status: 0 when every notification was answered with a 2xx, 1 when nothing was delivered (events off, the
subscription inactive) or a first attempt failed (the sandbox repeats it), 2 for a usage error.`;

export interface EventCommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

/** `sandbox event …`: asks a running sandbox to simulate a change. Resolves to the exit status. */
export async function runEventCommand(args: readonly string[], io: EventCommandIo): Promise<number> {
  let request: { url: string; body: unknown };
  try {
    const parsed = parseEventArguments(args, io.env);
    if (parsed === "help") {
      io.stdout(`${EVENT_COMMAND_USAGE}\n`);
      return 0;
    }
    request = parsed;
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${EVENT_COMMAND_USAGE}\n`);
    return 2;
  }
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request.body),
    });
  } catch (error) {
    io.stderr(`could not reach the sandbox at ${request.url}: ${(error as Error).message}\n`);
    return 1;
  }
  const answer = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!response.ok) {
    io.stderr(`the sandbox answered ${response.status}: ${String(answer?.message ?? "no message")}\n`);
    return 1;
  }
  const result = answer as unknown as SimulationResult;
  io.stdout(`${describeResult(result)}\n`);
  return result.delivered ? 0 : 1;
}

/** One line per notification, never a header or a signature: `900001 NOTIFIED http://127.0.0.1:9000/hook 200`. */
export function describeResult(result: SimulationResult): string {
  if (result.deliveries.length === 0) {
    return `nothing was delivered: ${result.reason ?? "no notification was made"}`;
  }
  const lines = result.deliveries.map((delivery) => {
    const last = delivery.attempts.at(-1);
    const outcome = last === undefined ? (delivery.note ?? "") : (last.error ?? String(last.httpStatus));
    return `${delivery.id} ${delivery.status} ${delivery.events.length} event(s) to ${delivery.callbackUrl ?? "-"}: ${outcome}${delivery.signed ? " (signed)" : ""}`;
  });
  return result.reason === null ? lines.join("\n") : [`not delivered: ${result.reason}`, ...lines].join("\n");
}

function parseEventArguments(args: readonly string[], env: NodeJS.ProcessEnv): "help" | { url: string; body: unknown } {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      base: { type: "string" },
      instance: { type: "string" },
      type: { type: "string" },
      object: { type: "string", default: "file" },
      "object-id": { type: "string" },
      count: { type: "string", default: "1" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) {
    return "help";
  }
  const base = values.base ?? env.AMPLIFY_BASE_URL;
  if (base === undefined || base === "") {
    throw new TypeError("--base is required (or set AMPLIFY_BASE_URL, as the sandbox prints it)");
  }
  let origin: string;
  try {
    origin = new URL(base.replace(/\/+$/, "").replace(new RegExp(`${BASE_PATH}$`), "")).origin;
  } catch {
    throw new TypeError(`--base must be a URL such as http://127.0.0.1:8080; got ${JSON.stringify(base)}`);
  }
  if (values.instance === undefined || !/^[1-9]\d*$/.test(values.instance)) {
    throw new TypeError("--instance needs an instance id, such as 100001");
  }
  const eventType = values.type?.toUpperCase();
  if (eventType === undefined || !(BOX_EVENT_TYPES as readonly string[]).includes(eventType)) {
    throw new TypeError(`--type must be one of ${BOX_EVENT_TYPES.join(", ")}`);
  }
  if (!(BOX_OBJECT_TYPES as readonly string[]).includes(values.object)) {
    throw new TypeError(`--object must be one of ${BOX_OBJECT_TYPES.join(", ")}`);
  }
  if (!/^\d+$/.test(values.count) || Number(values.count) < 1) {
    throw new TypeError("--count needs a whole number of at least 1");
  }
  const change = {
    objectType: values.object,
    eventType,
    ...(values["object-id"] === undefined ? {} : { objectId: values["object-id"] }),
  };
  return {
    url: `${origin}${ADMIN_PATH}/instances/${values.instance}/events`,
    body: { changes: Array.from({ length: Number(values.count) }, () => change) },
  };
}
