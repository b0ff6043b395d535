import { AUTHORIZE_OUTCOMES, type AuthorizeOutcome } from "./box/box-authorize.js";
import { newAccountSecret } from "./box/credentials.js";
import type { EventDelivery } from "./events/event-delivery.js";
import type { RecordedRequest } from "./http/request-log.js";
import { type PlatformVariant, resolvePlatformVariant } from "./platform/platform-variant.js";

/**
 * How to start a sandbox; every field is optional. The platform-version switches (`masking`, `tagShape`,
 * `platformKeys`, `tokenOnReauthentication`, `putOmittedKeys`, `duplicateNames`; platform/platform-variant.ts) default
 * to the strictest documented behaviour.
 */
export interface SandboxOptions extends Partial<PlatformVariant> {
  /** Interface to listen on. Default `"127.0.0.1"`: the control routes need no Authorization, so keep it local. */
  host?: string;
  /** Port to listen on. Default 0: an ephemeral port, which is what tests want. */
  port?: number;
  /** The `User` secret clients must send. Default: `sandbox-user-` plus 16 random hex digits, new on every start. */
  userSecret?: string;
  /** The `Organization` secret clients must send. Default: random on every start, like `userSecret`. */
  organizationSecret?: string;
  /** Added to every API answer, in milliseconds. Default 0. */
  latencyMs?: number;
  /** Keep at most this many entries in `requests` (the oldest go first). Default: unbounded. */
  requestLogLimit?: number;
  /**
   * Called once per API request when it is answered, reset or left unanswered (`status` 0), with the time taken.
   * The CLI prints its access log from this. The request carries its body: log only what is safe to log.
   */
  onRequestServed?: (request: RecordedRequest, durationMs: number) => void;
  /**
   * The unit of the webhook retry backoff: repeat x waits `4^x × eventRetryBaseMs` (the platform: 4^x seconds).
   * Default 10, so the first repeats come after 40 ms, 160 ms, 640 ms.
   */
  eventRetryBaseMs?: number;
  /** Repeats of a failed webhook delivery before the subscription is deactivated. Default 9, as on the platform. */
  eventRetryLimit?: number;
  /** Time allowed for one POST to a callback URL, in milliseconds. Default 5000. */
  eventDeliveryTimeoutMs?: number;
  /** How visits to the stand-in authorize page end unless `sandbox.authorize.next()` says otherwise. Default `"grant"`. */
  authorizeOutcome?: AuthorizeOutcome;
  /** Called after every webhook delivery attempt, with the delivery as it then stands. The CLI logs from it. */
  onEventAttempt?: (delivery: EventDelivery) => void;
}

/** The options with every default filled in and every value checked. */
export interface ResolvedOptions {
  readonly host: string;
  readonly port: number;
  readonly userSecret: string;
  readonly organizationSecret: string;
  readonly latencyMs: number;
  /** How this sandbox answers where platform versions differ. */
  readonly platform: PlatformVariant;
  readonly requestLogLimit: number;
  readonly onRequestServed: ((request: RecordedRequest, durationMs: number) => void) | undefined;
  readonly eventRetryBaseMs: number;
  readonly eventRetryLimit: number;
  readonly eventDeliveryTimeoutMs: number;
  readonly authorizeOutcome: AuthorizeOutcome;
  readonly onEventAttempt: ((delivery: EventDelivery) => void) | undefined;
}

/** @throws TypeError naming the option, before anything listens. */
export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError(`port must be an integer from 0 to 65535; got ${port}`);
  }
  const latencyMs = options.latencyMs ?? 0;
  if (!Number.isFinite(latencyMs) || latencyMs < 0) {
    throw new TypeError(`latencyMs must be a non-negative number; got ${latencyMs}`);
  }
  const requestLogLimit = options.requestLogLimit ?? Number.POSITIVE_INFINITY;
  if (!(requestLogLimit === Number.POSITIVE_INFINITY || (Number.isInteger(requestLogLimit) && requestLogLimit >= 0))) {
    throw new TypeError(`requestLogLimit must be a non-negative integer; got ${requestLogLimit}`);
  }
  const eventRetryBaseMs = options.eventRetryBaseMs ?? 10;
  if (!Number.isFinite(eventRetryBaseMs) || eventRetryBaseMs < 0) {
    throw new TypeError(`eventRetryBaseMs must be a non-negative number; got ${eventRetryBaseMs}`);
  }
  const eventRetryLimit = options.eventRetryLimit ?? 9;
  if (!Number.isInteger(eventRetryLimit) || eventRetryLimit < 0 || eventRetryLimit > 20) {
    throw new TypeError(`eventRetryLimit must be an integer from 0 to 20; got ${eventRetryLimit}`);
  }
  const eventDeliveryTimeoutMs = options.eventDeliveryTimeoutMs ?? 5000;
  if (!Number.isFinite(eventDeliveryTimeoutMs) || eventDeliveryTimeoutMs <= 0) {
    throw new TypeError(`eventDeliveryTimeoutMs must be a positive number; got ${eventDeliveryTimeoutMs}`);
  }
  const authorizeOutcome = options.authorizeOutcome ?? "grant";
  if (!(AUTHORIZE_OUTCOMES as readonly string[]).includes(authorizeOutcome)) {
    throw new TypeError(`authorizeOutcome must be one of ${AUTHORIZE_OUTCOMES.join(", ")}; got ${authorizeOutcome}`);
  }
  return {
    host: options.host ?? "127.0.0.1",
    port,
    userSecret: checkSecret("userSecret", options.userSecret ?? newAccountSecret("user")),
    organizationSecret: checkSecret(
      "organizationSecret",
      options.organizationSecret ?? newAccountSecret("organization"),
    ),
    latencyMs,
    platform: resolvePlatformVariant(options),
    requestLogLimit,
    onRequestServed: options.onRequestServed,
    eventRetryBaseMs,
    eventRetryLimit,
    eventDeliveryTimeoutMs,
    authorizeOutcome,
    onEventAttempt: options.onEventAttempt,
  };
}

/** A secret travels as one `<Type> <secret>` pair of a comma-separated header: no spaces, no commas. */
function checkSecret(name: string, secret: string): string {
  if (!/^[^\s,]+$/.test(secret)) {
    throw new TypeError(`${name} must be non-empty, without spaces or commas`);
  }
  return secret;
}
