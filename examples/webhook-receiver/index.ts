/**
 * A small receiver for the webhooks AMPLIFY sends for a Box connector instance: it checks each delivery's
 * `Elements-Webhook-Signature` with `verifyWebhookSignature` and logs the events. See README.md.
 *
 *   PORT=8787 WEBHOOK_SIGNATURE_KEY=<the instance's signature key> node dist/examples/webhook-receiver/index.js
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from "pulumi-amplify-box/webhooks";

/** One event of a notification, as the platform normalizes it (docs/amplify-api.md §6). */
export interface WebhookEvent {
  readonly objectType: string;
  readonly objectId: string;
  readonly eventType: string;
  readonly eventDate?: string;
}

/** A verified delivery. */
export interface WebhookDelivery {
  /** The `Elements-Webhook-Id` header: the same on every repeat of one notification, so use it to de-duplicate. */
  readonly webhookId: string | undefined;
  readonly eventId: string | undefined;
  readonly instanceId: number | string | undefined;
  readonly events: readonly WebhookEvent[];
  /** The whole `message`, `raw` (Box's own payload) included. */
  readonly message: Readonly<Record<string, unknown>>;
}

export interface WebhookReceiverOptions {
  /** Port to listen on; 0 picks a free one. */
  readonly port: number;
  /** Interface to listen on. Default `127.0.0.1`; put a TLS proxy in front to take deliveries from the internet. */
  readonly host?: string;
  /** Secret. The instance's `events.signatureKey` (`event.notification.signature.key`). */
  readonly signatureKey: string;
  /** Called once per verified delivery; when it throws, the receiver answers 500 and the platform repeats. */
  readonly onEvent?: (delivery: WebhookDelivery) => void | Promise<void>;
  /** Where log lines go. Default: stdout. Lines never hold a header, a signature or the key. */
  readonly log?: (line: string) => void;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/`: what to set as the instance's `events.callbackUrl` when testing locally. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Larger deliveries are refused: 20 events with Box's payloads are a few kilobytes. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Starts the receiver and resolves once it listens. */
export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
  if (options.signatureKey === "") {
    throw new TypeError("startWebhookReceiver needs signatureKey: the receiver accepts signed deliveries only");
  }
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const server = createServer((request, response) => {
    receive(request, response, options, log).catch((error: unknown) => {
      log(`error while handling a delivery: ${(error as Error).message}`);
      if (!response.headersSent) {
        answer(response, 500, { error: "the receiver failed" });
      }
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}

async function receive(
  request: IncomingMessage,
  response: ServerResponse,
  options: WebhookReceiverOptions,
  log: (line: string) => void,
): Promise<void> {
  if (request.method !== "POST") {
    answer(response, 405, { error: "deliveries are POSTed" }, { allow: "POST" });
    return;
  }
  const body = await readBody(request);
  if (body === undefined) {
    answer(response, 413, { error: "body too large" });
    return;
  }
  // Verify the bytes as they arrived, before parsing: re-serialized JSON is not what was signed.
  const signature = request.headers[WEBHOOK_SIGNATURE_HEADER];
  if (!verifyWebhookSignature(body, typeof signature === "string" ? signature : undefined, options.signatureKey)) {
    log(`rejected a delivery: ${signature === undefined ? "no signature" : "bad signature"}`);
    answer(response, 401, { error: "invalid signature" });
    return;
  }
  const delivery = parseDelivery(body, request.headers["elements-webhook-id"]);
  if (delivery === undefined) {
    log("rejected a signed delivery that is not a platform notification");
    answer(response, 400, { error: "not a notification" });
    return;
  }
  for (const event of delivery.events) {
    log(
      `event ${delivery.eventId ?? "-"} instance ${delivery.instanceId ?? "-"}: ${event.objectType} ${event.objectId} ${event.eventType} (signature verified)`,
    );
  }
  await options.onEvent?.(delivery);
  answer(response, 200, { received: delivery.events.length });
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseDelivery(body: Buffer, webhookId: string | string[] | undefined): WebhookDelivery | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
  const message = (parsed as { message?: unknown } | null)?.message;
  if (typeof message !== "object" || message === null || !Array.isArray((message as { events?: unknown }).events)) {
    return undefined;
  }
  const fields = message as Record<string, unknown>;
  return {
    webhookId: typeof webhookId === "string" ? webhookId : undefined,
    eventId: typeof fields.eventId === "string" ? fields.eventId : undefined,
    instanceId:
      typeof fields.instanceId === "number" || typeof fields.instanceId === "string" ? fields.instanceId : undefined,
    events: fields.events as WebhookEvent[],
    message: fields,
  };
}

function answer(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  response.writeHead(status, { ...headers, "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

/** Standalone: `PORT` (default 8787) and `WEBHOOK_SIGNATURE_KEY` from the environment; Ctrl-C stops it. */
async function main(): Promise<void> {
  const signatureKey = process.env.WEBHOOK_SIGNATURE_KEY ?? "";
  if (signatureKey === "") {
    process.stderr.write("Set WEBHOOK_SIGNATURE_KEY to the instance's signature key (events.signatureKey).\n");
    process.exitCode = 2;
    return;
  }
  const port = Number(process.env.PORT ?? "8787");
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write(`PORT must be a port number; got ${JSON.stringify(process.env.PORT)}\n`);
    process.exitCode = 2;
    return;
  }
  const receiver = await startWebhookReceiver({ port, host: process.env.HOST ?? "127.0.0.1", signatureKey });
  process.stdout.write(`Listening for AMPLIFY webhooks on ${receiver.url} (Ctrl-C stops)\n`);
  const stop = (): void => {
    receiver.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`webhook receiver failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
