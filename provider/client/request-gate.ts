/**
 * Pacing shared by every request this process sends to one AMPLIFY base URL.
 *
 * The engine runs up to `--parallel` resource operations at once in one provider process, and each operation builds
 * its own client. If every request waited out its own `Retry-After` after a 429, they would come back together,
 * find the window full again and spend it on refusals, and each refusal would use up one of their retries. The gate
 * makes them act as one client:
 * - after a 429, nothing is sent until its `Retry-After` has passed;
 * - from then on, at most as many requests leave per window as the platform admitted in the window before the 429
 *   (refused requests do not count, as on the platform), oldest waiter first. A window the gate spent paused, in
 *   part, teaches nothing: the platform's window may still hold what was sent before the pause. A limit never drops
 *   below half the previous one at once;
 * - that limit is raised by half after a quiet spell without a 429, so that a raised quota is found again at the
 *   cost of one `Retry-After`.
 * Time spent waiting here is not an attempt: a request's timeout starts when it leaves.
 */
export interface GateTicket {
  /** When the request was let through, in ms since the epoch. */
  readonly sentAt: number;
}

export interface RequestGateOptions {
  /** The platform's rate window. Default 1000 ms: limits are quoted per second. */
  readonly windowMs?: number;
  /**
   * Added to the window when pacing. The platform counts a request when it arrives and the gate when it leaves; the
   * margin keeps that difference from turning into refusals, each of which holds every request for a `Retry-After`.
   * Default 25 ms.
   */
  readonly marginMs?: number;
  /** A learned limit is raised by half after this long without a 429. Default 30 s. */
  readonly probeAfterMs?: number;
  readonly now?: () => number;
}

/**
 * Fewer admitted requests than this in the window before a 429 is no rate to learn from: the quota is shared with
 * other clients or counted over a longer period, and the `Retry-After` pause alone is the right answer.
 */
const MIN_LEARNED_LIMIT = 2;

export class RequestGate {
  readonly #windowMs: number;
  readonly #marginMs: number;
  readonly #probeAfterMs: number;
  readonly #now: () => number;
  #pausedUntil = 0;
  /** Recent pauses, oldest first: windows that overlap one are no measure of the platform's rate. */
  #pauses: Array<{ readonly from: number; until: number }> = [];
  #limit: number | undefined;
  #limitSince = 0;
  /** Requests let through that the platform has not refused, oldest first, kept while they can still matter. */
  #sent: GateTicket[] = [];
  readonly #waiting: Array<(ticket: GateTicket) => void> = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(options: RequestGateOptions = {}) {
    this.#windowMs = options.windowMs ?? 1000;
    this.#marginMs = options.marginMs ?? 25;
    this.#probeAfterMs = options.probeAfterMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  /** The requests per window the gate keeps to, once a 429 has taught it one. */
  get limit(): number | undefined {
    return this.#limit;
  }

  /** Resolves when one attempt may be sent. Report a 429 to it with `refused(ticket, …)`. */
  admit(): Promise<GateTicket> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#pump();
    });
  }

  /** The platform refused the attempt sent with `ticket` (429), asking to wait `retryAfterMs` (default: a window). */
  refused(ticket: GateTicket, retryAfterMs: number | undefined): void {
    const now = this.#now();
    this.#sent = this.#sent.filter((sent) => sent !== ticket);
    const windowStart = ticket.sentAt - this.#windowMs;
    const pausedWithin = this.#pauses.some((pause) => pause.from < ticket.sentAt && pause.until > windowStart);
    const admittedBefore = this.#sent.filter(
      (sent) => sent.sentAt <= ticket.sentAt && sent.sentAt > windowStart,
    ).length;
    if (!pausedWithin && admittedBefore >= MIN_LEARNED_LIMIT) {
      this.#limit = Math.max(admittedBefore, Math.floor((this.#limit ?? 0) / 2));
      this.#limitSince = now;
    }
    const until = now + (retryAfterMs ?? this.#windowMs);
    const current = this.#pauses.at(-1);
    if (current !== undefined && current.until >= now) {
      current.until = Math.max(current.until, until);
    } else {
      this.#pauses.push({ from: now, until });
    }
    this.#pauses = this.#pauses.filter((pause) => pause.until > now - 2 * this.#windowMs);
    this.#pausedUntil = Math.max(this.#pausedUntil, until);
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    this.#pump();
  }

  #pump(): void {
    while (this.#waiting.length > 0) {
      const now = this.#now();
      const wait = this.#waitFor(now);
      if (wait > 0) {
        this.#timer ??= setTimeout(() => {
          this.#timer = undefined;
          this.#pump();
        }, wait);
        return;
      }
      const ticket: GateTicket = { sentAt: now };
      this.#sent.push(ticket);
      (this.#waiting.shift() as (ticket: GateTicket) => void)(ticket);
    }
  }

  /** Milliseconds until the next request may leave; 0 for now. */
  #waitFor(now: number): number {
    // A refusal can arrive long after its request left (slow answers), so tickets are kept for a while.
    while ((this.#sent[0]?.sentAt ?? now) <= now - 120_000) {
      this.#sent.shift();
    }
    if (now < this.#pausedUntil) {
      return this.#pausedUntil - now;
    }
    if (this.#limit === undefined) {
      return 0;
    }
    if (now - this.#limitSince > this.#probeAfterMs) {
      this.#limit = Math.ceil(this.#limit * 1.5);
      this.#limitSince = now;
    }
    const span = this.#windowMs + this.#marginMs;
    const recent = this.#sent.filter((sent) => sent.sentAt > now - span);
    if (recent.length < this.#limit) {
      return 0;
    }
    // The next one leaves when enough of these have left the window.
    const freeing = recent[recent.length - this.#limit] as GateTicket;
    return Math.max(1, freeing.sentAt + span - now);
  }
}

/** The gates of this process by base URL: module state, like all of the provider's (see provider-source.ts). */
const gates = new Map<string, RequestGate>();

/** The gate of `baseUrl` in this process. */
export function requestGateFor(baseUrl: string): RequestGate {
  let gate = gates.get(baseUrl);
  if (gate === undefined) {
    gate = new RequestGate();
    gates.set(baseUrl, gate);
  }
  return gate;
}
