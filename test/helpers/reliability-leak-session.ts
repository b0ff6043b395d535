import type { BoxInstanceInputs } from "../../provider/mapping/box-instance-state.js";
import type { Sandbox } from "../../sandbox/index.js";
import { secretValues } from "./box-inputs.js";
import { checkAndCreate } from "./provider-session.js";
import { type Exhibits, errorExhibits, outputsWithoutToken, type Secrets } from "./reliability-leak-scan.js";
import { configureWithKnobs, settle } from "./reliability-session.js";

/** The account secrets the leak sandboxes run with, and a wrong pair for the 401 paths. */
export const ACCOUNT = secretValues("leak");
export const WRONG_ACCOUNT = {
  wrongUserSecret: "usr-wrong-Z8pK3vN7qW2xR5tY9mB4",
  wrongOrganizationSecret: "org-wrong-J6hG2fD8sA4kL9pQ3zX7",
};

/** Retries and timeouts small enough that every error path takes well under a second or two. */
export const LEAK_KNOBS = { requestTimeoutMs: 500, maxRetries: 1 } as const;

/**
 * One leak scenario against a sandbox: calls the provider as the engine would, keeps every error and every output
 * as an exhibit, and learns the secrets the sandbox issued (instance tokens, Box tokens) so the scan can look for
 * them too.
 */
export class LeakSession {
  readonly exhibits: Exhibits = {};
  #failures = 0;
  readonly #issued = new Map<string, string>();

  constructor(readonly sandbox: Sandbox) {}

  /** How many calls failed, as the path meant them to. */
  get failures(): number {
    return this.#failures;
  }

  /** Points the provider at the sandbox, with the right account secrets or a wrong pair. */
  async configure(account: "right" | "wrong" = "right"): Promise<void> {
    const secrets =
      account === "right"
        ? { userSecret: this.sandbox.userSecret, organizationSecret: this.sandbox.organizationSecret }
        : { userSecret: WRONG_ACCOUNT.wrongUserSecret, organizationSecret: WRONG_ACCOUNT.wrongOrganizationSecret };
    await configureWithKnobs({ baseUrl: this.sandbox.baseUrl, ...secrets }, LEAK_KNOBS);
  }

  /** check + create that must succeed; its outputs become an exhibit. */
  async create(label: string, inputs: BoxInstanceInputs) {
    const created = await checkAndCreate(inputs);
    this.observe();
    Object.assign(this.exhibits, outputsWithoutToken(label, created.outs));
    return created;
  }

  /** A call that must fail; its error becomes an exhibit. */
  async fails(label: string, call: () => Promise<unknown>): Promise<Error> {
    const result = await settle(call());
    this.observe();
    if (result.ok) {
      throw new Error(`${label} was meant to fail, but succeeded`);
    }
    this.#failures += 1;
    Object.assign(this.exhibits, errorExhibits(label, result.error));
    return result.error;
  }

  /** A call that must succeed; what it returns (outputs, a read result) becomes an exhibit. */
  async succeeds<T>(label: string, call: () => Promise<T>): Promise<T> {
    const value = await call();
    this.observe();
    this.#keepResult(label, value);
    return value;
  }

  /** A call under a fault that may end either way (a takeover can rescue a create); both ends are exhibits. */
  async attempt(label: string, call: () => Promise<unknown>): Promise<void> {
    const result = await settle(call());
    this.observe();
    if (result.ok) {
      this.#keepResult(label, result.value);
    } else {
      this.#failures += 1;
      Object.assign(this.exhibits, errorExhibits(label, result.error));
    }
  }

  #keepResult(label: string, value: unknown): void {
    const result = (value as { outs?: unknown; props?: unknown } | undefined) ?? {};
    Object.assign(this.exhibits, outputsWithoutToken(label, result.outs ?? result.props ?? value));
  }

  /** Remembers the secrets of every instance the sandbox holds now (a later delete must not hide them). */
  observe(): void {
    for (const instance of this.sandbox.instances()) {
      this.#issued.set(`instance token ${instance.id}`, instance.token);
      for (const key of ["oauth.user.token", "oauth.user.refresh_token"]) {
        const value = instance.configuration[key];
        if (typeof value === "string" && value !== "") {
          this.#issued.set(`${key} ${instance.id}`, value);
        }
      }
    }
  }

  /** Every secret to look for: the account's, the inputs' and what the sandbox issued. */
  secrets(extra: Secrets = {}): Secrets {
    return { ...ACCOUNT, ...WRONG_ACCOUNT, ...Object.fromEntries(this.#issued), ...extra };
  }
}
