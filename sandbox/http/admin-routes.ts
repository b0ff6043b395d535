import { parseJsonBody } from "../api/json-body.js";
import { addOtherTeamInstance } from "../api/other-team-instance.js";
import { Router } from "../api/router.js";
import { type BoxAuthorizePage, setAuthorizeOutcome } from "../box/box-authorize.js";
import type { EventDispatcher } from "../events/event-dispatcher.js";
import type { FaultRule } from "../faults/fault-rule.js";
import { normalizeFaultRule } from "../faults/fault-rule.js";
import type { FaultSwitchboard } from "../faults/fault-switchboard.js";
import { ApiError, badRequest } from "../protocol/api-error.js";
import { type ApiResponse, errorBody, ok } from "../protocol/api-response.js";
import { ADMIN_PATH, BASE_PATH } from "../protocol/base-path.js";
import type { QueryValues } from "../protocol/query.js";
import type { InstanceStore } from "../store/instance-store.js";
import { readSubscription, simulateChanges } from "./admin-event-routes.js";
import type { RequestLog } from "./request-log.js";

/** What the control routes reach into. */
export interface AdminContext {
  readonly store: InstanceStore;
  readonly faults: FaultSwitchboard;
  readonly log: RequestLog;
  readonly events: EventDispatcher;
  readonly authorizePage: BoxAuthorizePage;
}

/** What a control route sees of its request besides the body. */
export interface AdminCall {
  readonly params: Readonly<Record<string, string>>;
  readonly query: QueryValues;
}

type AdminHandler = (body: unknown, context: AdminContext, call: AdminCall) => ApiResponse | Promise<ApiResponse>;

const ADMIN_ROUTE_HELP = [
  `GET ${ADMIN_PATH}/instances: the store, unmasked`,
  `DELETE ${ADMIN_PATH}/instances: wipe the store`,
  `POST ${ADMIN_PATH}/instances: add another team's instance of another element, e.g. {"element":"dropbox","name":"Dropbox (finance)","tags":["finance"]}`,
  `GET ${ADMIN_PATH}/faults: pending fault rules and the rate limit`,
  `POST ${ADMIN_PATH}/faults: add a rule or an array of rules, e.g. {"kind":"status503","method":"POST","path":"/instances","times":2,"retryAfterSeconds":1}`,
  `DELETE ${ADMIN_PATH}/faults: clear every rule and the rate limit`,
  `PUT ${ADMIN_PATH}/rate-limit: {"requestsPerSecond":20,"retryAfterSeconds":1}; DELETE lifts it`,
  `GET ${ADMIN_PATH}/requests: the request log; DELETE empties it`,
  `POST ${ADMIN_PATH}/instances/{id}/events: simulate a Box change and deliver the webhook, e.g. {"objectType":"file","eventType":"CREATED"}`,
  `GET ${ADMIN_PATH}/instances/{id}/events: the instance's deliveries and whether its subscription is active`,
  `GET ${ADMIN_PATH}/box/authorize: the stand-in for Box's authorize page (a 302 to redirect_uri)`,
  `POST ${ADMIN_PATH}/box/authorize/outcomes: how the next visits end, e.g. {"outcome":"deny","times":1}; DELETE clears`,
];

/**
 * The sandbox's control plane for CLI users, outside the API and without Authorization: faults, the store and the
 * request log, the same levers tests pull in-process. Listening on loopback is what keeps it private; the CLI
 * warns when it is not.
 */
const adminRoutes = new Router<AdminHandler>()
  .on("GET", "/", () => ok({ api: BASE_PATH, routes: ADMIN_ROUTE_HELP }))
  .on("GET", "/instances", (_body, { store }) => ok(store.list()))
  .on("DELETE", "/instances", (_body, { store }) => ok({ deleted: store.clear() }))
  .on("POST", "/instances", (body, { store }) => ok(addOtherTeamInstance(store, body)))
  .on("GET", "/faults", (_body, { faults }) => ok(faultState(faults)))
  .on("POST", "/faults", addFaults)
  .on("DELETE", "/faults", (_body, { faults }) => {
    faults.clear();
    return ok(faultState(faults));
  })
  .on("PUT", "/rate-limit", setRateLimit)
  .on("POST", "/rate-limit", setRateLimit)
  .on("DELETE", "/rate-limit", (_body, { faults }) => {
    faults.rateLimit(undefined);
    return ok(faultState(faults));
  })
  .on("GET", "/requests", (_body, { log }) => ok(log.entries))
  .on("DELETE", "/requests", (_body, { log }) => {
    log.clear();
    return ok({});
  })
  .on("POST", "/instances/{id}/events", (body, { events }, { params }) => simulateChanges(events, params.id, body))
  .on("GET", "/instances/{id}/events", (_body, { events, store }, { params }) =>
    readSubscription(events, store, params.id),
  )
  .on("GET", "/box/authorize", (_body, { authorizePage }, { query }) => authorizePage.visit(query))
  .on("POST", "/box/authorize/outcomes", (body, { authorizePage }) => setAuthorizeOutcome(authorizePage, body))
  .on("DELETE", "/box/authorize/outcomes", (_body, { authorizePage }) => {
    authorizePage.clear();
    return ok({});
  });

/** Serves one control request; `path` is relative to `/__sandbox`. Never rejects. */
export async function handleAdminRequest(
  context: AdminContext,
  request: {
    method: string;
    path: string;
    contentType: string | undefined;
    rawBody: Buffer;
    requestId: string;
    query?: QueryValues;
  },
): Promise<ApiResponse> {
  try {
    const lookup = adminRoutes.lookup(request.method, request.path);
    if (lookup.kind === "not-found") {
      throw new ApiError(404, `No sandbox control route ${request.method} ${ADMIN_PATH}${request.path}`);
    }
    if (lookup.kind === "method-not-allowed") {
      throw new ApiError(405, `Method ${request.method} is not allowed on ${ADMIN_PATH}${lookup.pattern}`, {
        headers: { allow: lookup.allowed.join(", ") },
      });
    }
    const body = parseJsonBody(request.rawBody, request.contentType);
    return await lookup.handler(body, context, { params: lookup.params, query: request.query ?? {} });
  } catch (error) {
    const failure = error instanceof TypeError ? badRequest(error.message) : error;
    if (failure instanceof ApiError) {
      return { status: failure.status, body: errorBody(failure.message, request.requestId), headers: failure.headers };
    }
    return { status: 500, body: errorBody(`Internal sandbox error: ${String(failure)}`, request.requestId) };
  }
}

/** Adds every rule or none: a bad rule in an array must not leave the others half-applied. */
function addFaults(body: unknown, { faults }: AdminContext): ApiResponse {
  const rules = (Array.isArray(body) ? body : [body]).map(normalizeFaultRule);
  for (const rule of rules) {
    faults.add(rule);
  }
  return ok(faultState(faults));
}

function setRateLimit(body: unknown, { faults }: AdminContext): ApiResponse {
  const { requestsPerSecond, retryAfterSeconds } = (body ?? {}) as Record<string, unknown>;
  if (requestsPerSecond !== null && typeof requestsPerSecond !== "number") {
    throw badRequest("requestsPerSecond must be a positive integer, or null to lift the limit");
  }
  if (retryAfterSeconds !== undefined && typeof retryAfterSeconds !== "number") {
    throw badRequest("retryAfterSeconds must be a number of seconds");
  }
  faults.rateLimit(requestsPerSecond ?? undefined, retryAfterSeconds);
  return ok(faultState(faults));
}

/** JSON has no Infinity: a rule that never runs out shows `"times": "Infinity"`, the form POST accepts back. */
function faultState(faults: FaultSwitchboard): { rules: unknown[]; rateLimit: unknown } {
  return {
    rules: faults.pending.map((rule: FaultRule) =>
      rule.times === Number.POSITIVE_INFINITY ? { ...rule, times: "Infinity" } : rule,
    ),
    rateLimit: faults.rateLimitSetting ?? null,
  };
}
