import type { IncomingMessage, ServerResponse } from "node:http";
import { handleApiRequest } from "../api/api.js";
import type { ApiHandler, SandboxState } from "../api/api-call.js";
import type { AccountSecrets } from "../api/authorization.js";
import { tryParseJson } from "../api/json-body.js";
import { newRequestId } from "../api/request-id.js";
import type { Router } from "../api/router.js";
import type { FaultRule } from "../faults/fault-rule.js";
import type { FaultSwitchboard } from "../faults/fault-switchboard.js";
import { ADMIN_PATH, BASE_PATH } from "../protocol/base-path.js";
import { parseQuery } from "../protocol/query.js";
import { type AdminContext, handleAdminRequest } from "./admin-routes.js";
import { Exchange, type ExchangeContext } from "./exchange.js";
import { readBody } from "./read-body.js";
import type { RequestLog } from "./request-log.js";
import { resetConnection, writeResponse } from "./write-response.js";

/** Everything one sandbox's requests go through. */
export interface PipelineContext extends ExchangeContext, AdminContext {
  readonly router: Router<ApiHandler>;
  readonly state: SandboxState;
  readonly secrets: AccountSecrets;
  readonly faults: FaultSwitchboard;
  readonly log: RequestLog;
}

const FAULT_STATUS: Readonly<Partial<Record<FaultRule["kind"], number>>> = {
  status500: 500,
  status502: 502,
  status503: 503,
  status429: 429,
};

/** The `request` listener of the sandbox's HTTP server. */
export function createRequestListener(
  context: PipelineContext,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const url = new URL(request.url ?? "/", "http://sandbox.invalid");
    const served =
      url.pathname === ADMIN_PATH || url.pathname.startsWith(`${ADMIN_PATH}/`)
        ? serveAdmin(context, request, response, url)
        : serveApi(context, request, response, url);
    // A rejection means the client hung up mid-body or close() cut a delay short: nobody is left to answer.
    served.catch(() => resetConnection(response));
  };
}

async function serveAdmin(
  context: PipelineContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const requestId = newRequestId();
  const { bytes } = await readBody(request);
  const answer = await handleAdminRequest(context, {
    method: request.method ?? "GET",
    path: url.pathname.slice(ADMIN_PATH.length) || "/",
    contentType: request.headers["content-type"],
    rawBody: bytes,
    requestId,
    query: parseQuery(url.searchParams),
  });
  writeResponse(response, answer, requestId);
}

/**
 * An API request, start to end: the log, then the rate limit and the fault rules, which act like a gateway in front
 * of the platform (a refused request changes nothing), then the API, then the faults that strike after it acted.
 * The latency sits between acting and answering, as on a slow server: a client that gives up while waiting has
 * still changed the store.
 */
async function serveApi(
  context: PipelineContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const method = request.method ?? "GET";
  const query = parseQuery(url.searchParams);
  const entry = context.log.begin({ method, path: url.pathname, query, at: Date.now(), requestId: newRequestId() });
  const exchange = new Exchange(context, response, entry);
  const body = await readBody(request).catch((error: unknown) => {
    exchange.abandon();
    throw error;
  });
  entry.body = tryParseJson(body.bytes);
  if (body.tooLarge) {
    return exchange.refuse(413, "The request body is too large");
  }
  const apiPath = pathUnderBase(url.pathname);
  if (apiPath === undefined) {
    return exchange.refuse(404, `No resource found for ${method} ${url.pathname}: the API lives under ${BASE_PATH}`);
  }

  const admission = context.faults.admit();
  if (!admission.admitted) {
    return exchange.refuse(429, "Rate limit exceeded: too many requests per second", {
      "retry-after": String(admission.retryAfterSeconds),
    });
  }
  const fault = context.faults.take(method, apiPath);
  const faultStatus = fault === undefined ? undefined : FAULT_STATUS[fault.kind];
  if (fault !== undefined && faultStatus !== undefined) {
    return exchange.refuse(faultStatus, `Simulated ${faultStatus} (sandbox fault ${fault.kind}): nothing was done`, {
      ...retryAfterHeader(fault, faultStatus),
    });
  }
  if (fault?.kind === "resetBeforeHandling") {
    return exchange.reset();
  }
  if (fault?.kind === "noAnswer") {
    return exchange.abandon();
  }

  const reply = handleApiRequest(context.router, context.state, context.secrets, {
    method,
    path: apiPath,
    query,
    authorization: request.headers.authorization,
    contentType: request.headers["content-type"],
    rawBody: body.bytes,
    requestId: exchange.requestId,
  });
  if (fault?.kind === "resetAfterCommit") {
    return exchange.reset();
  }
  const extraLatencyMs = fault?.kind === "latency" ? (fault.latencyMs ?? 0) : 0;
  return exchange.answer(reply, extraLatencyMs, { truncate: fault?.kind === "malformedJson" });
}

/** The path relative to `/elements/api-v2`, or `undefined` for a path outside the API. */
function pathUnderBase(pathname: string): string | undefined {
  if (pathname === BASE_PATH) {
    return "/";
  }
  return pathname.startsWith(`${BASE_PATH}/`) ? pathname.slice(BASE_PATH.length) : undefined;
}

/** `Retry-After` goes only on the statuses that define it, and only when the rule asks for it. */
function retryAfterHeader(fault: FaultRule, status: number): Record<string, string> {
  if (fault.retryAfterSeconds === undefined || (status !== 429 && status !== 503)) {
    return {};
  }
  return { "retry-after": String(Math.ceil(fault.retryAfterSeconds)) };
}
