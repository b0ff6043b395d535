import { type FaultRule, type FaultSwitches, faultMatches, normalizeFaultRule } from "./fault-rule.js";
import { type Admission, SlidingWindowLimiter } from "./rate-limiter.js";

interface ArmedRule {
  readonly rule: FaultRule;
  remaining: number;
}

/** The rate limit as the admin route reports it. */
export interface RateLimitSetting {
  readonly requestsPerSecond: number;
  readonly retryAfterSeconds?: number;
}

/** `FaultSwitches` plus what the request pipeline needs: taking the rule for a request and asking the limiter. */
export class FaultSwitchboard implements FaultSwitches {
  #rules: ArmedRule[] = [];
  #limiter: SlidingWindowLimiter | undefined;

  add(rule: FaultRule): void {
    const normalized = normalizeFaultRule(rule);
    this.#rules.push({ rule: normalized, remaining: normalized.times });
  }

  clear(): void {
    this.#rules = [];
    this.#limiter = undefined;
  }

  rateLimit(requestsPerSecond: number | undefined, retryAfterSeconds?: number): void {
    this.#limiter =
      requestsPerSecond === undefined ? undefined : new SlidingWindowLimiter(requestsPerSecond, retryAfterSeconds);
  }

  get pending(): readonly FaultRule[] {
    return this.#rules.map(({ rule, remaining }) => ({ ...rule, times: remaining }));
  }

  get rateLimitSetting(): RateLimitSetting | undefined {
    const limiter = this.#limiter;
    if (limiter === undefined) {
      return undefined;
    }
    return limiter.retryAfterSeconds === undefined
      ? { requestsPerSecond: limiter.requestsPerSecond }
      : { requestsPerSecond: limiter.requestsPerSecond, retryAfterSeconds: limiter.retryAfterSeconds };
  }

  /** The first rule matching the request, used up by one; `undefined` when none matches. */
  take(method: string, path: string): FaultRule | undefined {
    const armed = this.#rules.find(({ rule }) => faultMatches(rule, method, path));
    if (armed === undefined) {
      return undefined;
    }
    armed.remaining -= 1;
    if (armed.remaining <= 0) {
      this.#rules = this.#rules.filter((candidate) => candidate !== armed);
    }
    return armed.rule;
  }

  admit(now?: number): Admission {
    return this.#limiter?.admit(now) ?? { admitted: true };
  }
}
