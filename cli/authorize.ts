import { randomBytes, timingSafeEqual } from "node:crypto";
import type { ConnectionSettings } from "../provider/client/connection-settings.js";
import { fetchOAuthUrl } from "../provider/client/oauth-url-client.js";
import { redact, registerSecrets } from "../provider/client/redact.js";
import { type CallbackPage, listenForRedirect } from "./callback-server.js";
import { type StackSecret, storeStackSecret } from "./pulumi-config.js";

/** The stack config key the examples read the grant code from (`config.requireSecret("boxAuthCode")`). */
export const DEFAULT_CONFIG_KEY = "boxAuthCode";
/** A fixed port, so that `http://127.0.0.1:8765/callback` can be registered as a redirect URI of the Box app. */
export const DEFAULT_CALLBACK_PORT = 8765;
export const DEFAULT_TIMEOUT_MS = 5 * 60 * 1000;

export interface AuthorizeOptions {
  /** Where AMPLIFY is and the account secrets for `GET /elements/box/oauth/url`. */
  readonly connection: Pick<ConnectionSettings, "baseUrl" | "userSecret" | "organizationSecret"> & {
    readonly requestTimeoutMs?: number;
  };
  /** The Box client id. */
  readonly apiKey: string;
  /** Secret. The Box client secret. */
  readonly apiSecret: string;
  /** The stack to store the code in; the selected stack when left out. */
  readonly stack?: string;
  /** Default `boxAuthCode`: stored under the project's namespace unless the key names one (`ns:key`). */
  readonly configKey?: string;
  /** The loopback port of the redirect URI. Default 8765; 0 picks a free port (fine for the sandbox, not for Box). */
  readonly callbackPort?: number;
  /** The Pulumi project folder. Default: the current directory. */
  readonly cwd?: string;
  /** How long to wait for the redirect. Default 5 minutes. */
  readonly timeoutMs?: number;
  /** Opens the authorization URL (a browser, or a test's HTTP client). Default: the URL is only printed. */
  readonly openUrl?: (url: string) => void | Promise<void>;
  /** Stores the code. Default: `pulumi config set --secret`, the value on stdin (see pulumi-config.ts). */
  readonly storeSecret?: (secret: StackSecret) => Promise<void>;
  /** Progress for the user. Default: stderr. Never given the code. */
  readonly log?: (line: string) => void;
  /** Aborts the wait (Ctrl-C). */
  readonly signal?: AbortSignal;
}

export interface AuthorizeResult {
  readonly configKey: string;
  readonly stack: string | undefined;
  readonly redirectUri: string;
}

/** Why an authorization ended without a stored code. */
export type AuthorizeFailure =
  | "INVALID_OPTIONS"
  | "DENIED"
  | "STATE_MISMATCH"
  | "NO_CODE"
  | "TIMEOUT"
  | "CANCELLED"
  | "STORE_FAILED";

export class AuthorizeError extends Error {
  override readonly name = "AuthorizeError";
  readonly reason: AuthorizeFailure;

  constructor(reason: AuthorizeFailure, message: string) {
    super(redact(message));
    this.reason = reason;
  }
}

const CONFIG_KEY_FORMAT = /^[A-Za-z0-9_][\w.-]*(?::[A-Za-z0-9_][\w.-]*)?$/;
const STACK_FORMAT = /^[A-Za-z0-9_][\w.-]*(?:\/[A-Za-z0-9_][\w.-]*){0,2}$/;

/**
 * The grant-code flow of docs/amplify-api.md §7 on the user's machine: asks AMPLIFY for the Box authorization URL with a
 * random `state` and a loopback redirect URI, lets the user open it, waits for Box's redirect, checks `state`, and
 * stores the code at once as a secret in stack config, before it expires. Resolves once the code is stored; rejects
 * with an `AuthorizeError` (or the client's `AmplifyError`) and stores nothing otherwise. The code is never logged.
 */
export async function authorize(options: AuthorizeOptions): Promise<AuthorizeResult> {
  const configKey = options.configKey ?? DEFAULT_CONFIG_KEY;
  const port = options.callbackPort ?? DEFAULT_CALLBACK_PORT;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  checkOptions(options, configKey, port, timeoutMs);
  registerSecrets(options.apiSecret, options.connection.userSecret, options.connection.organizationSecret);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const storeSecret = options.storeSecret ?? ((secret: StackSecret) => storeStackSecret(secret));
  const cwd = options.cwd ?? process.cwd();
  const where = `${configKey} of ${options.stack === undefined ? "the selected stack" : `stack ${options.stack}`}`;
  const state = randomBytes(24).toString("base64url");

  let settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const outcome = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const fail = (error: AuthorizeError): CallbackPage => {
    settle?.reject(error);
    return { status: 400, title: "Authorization failed", text: `${error.message} You can close this tab.` };
  };

  const callback = await listenForRedirect(port, async (parameters) => {
    if (!sameState(parameters.get("state"), state)) {
      return fail(
        new AuthorizeError(
          "STATE_MISMATCH",
          "The redirect's state does not match the one this command sent, so it does not answer this " +
            "authorization (a stale browser tab, or a forged redirect). Nothing was stored; run the command again.",
        ),
      );
    }
    const error = parameters.get("error");
    if (error !== null) {
      const description = parameters.get("error_description");
      return fail(
        new AuthorizeError(
          "DENIED",
          `Box did not grant access: ${printable(error)}${description === null ? "" : ` (${printable(description)})`}. ` +
            "Nothing was stored.",
        ),
      );
    }
    const code = parameters.get("code");
    if (code === null || code === "") {
      return fail(
        new AuthorizeError("NO_CODE", "The redirect carries neither a code nor an error. Nothing was stored."),
      );
    }
    registerSecrets(code);
    try {
      await storeSecret({ key: configKey, value: code, stack: options.stack, cwd });
    } catch (storeError) {
      return fail(
        new AuthorizeError(
          "STORE_FAILED",
          `Box granted a code, but storing it as ${where} failed: ${(storeError as Error).message}. ` +
            "The code is single use and expires within seconds: run the command again.",
        ),
      );
    }
    settle?.resolve();
    return {
      status: 200,
      title: "Box access granted",
      text: `The grant code is stored as the secret ${where}. Run \`pulumi up\` now: the code expires within seconds. You can close this tab.`,
    };
  });

  const timer = setTimeout(() => {
    settle?.reject(
      new AuthorizeError(
        "TIMEOUT",
        `No redirect arrived at ${callback.redirectUri} within ${Math.round(timeoutMs / 1000)} s. Nothing was stored.`,
      ),
    );
  }, timeoutMs);
  const onAbort = () => settle?.reject(new AuthorizeError("CANCELLED", "Cancelled; nothing was stored."));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    log(`Asking AMPLIFY (${options.connection.baseUrl}) for the Box authorization URL…`);
    const { oauthUrl } = await fetchOAuthUrl(
      { requestTimeoutMs: 30_000, ...options.connection },
      { apiKey: options.apiKey, apiSecret: options.apiSecret, callbackUrl: callback.redirectUri, state },
    );
    log(`Open this URL in a browser and grant access to Box:\n\n  ${redact(oauthUrl)}\n`);
    log(`Waiting for the redirect to ${callback.redirectUri} (up to ${Math.round(timeoutMs / 1000)} s)…`);
    if (options.openUrl !== undefined) {
      Promise.resolve()
        .then(() => options.openUrl?.(oauthUrl))
        .catch((error: unknown) => log(`Could not open the URL (${redact(String(error))}); open it by hand.`));
    }
    if (options.signal?.aborted === true) {
      onAbort();
    }
    await outcome;
    log(`Stored the grant code as the secret ${where}. Run \`pulumi up\` now: Box codes expire within seconds.`);
    return { configKey, stack: options.stack, redirectUri: callback.redirectUri };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    // A failure before the redirect (oauth/url refused) must not leave the promise unobserved.
    outcome.catch(() => undefined);
    await callback.close();
  }
}

function checkOptions(options: AuthorizeOptions, configKey: string, port: number, timeoutMs: number): void {
  const problems = [
    options.apiKey.trim() === "" ? "the Box client id (--api-key) is empty" : undefined,
    options.apiSecret === "" ? "the Box client secret is empty" : undefined,
    CONFIG_KEY_FORMAT.test(configKey) ? undefined : `config key ${JSON.stringify(configKey)} is not a key or ns:key`,
    options.stack === undefined || STACK_FORMAT.test(options.stack)
      ? undefined
      : `stack ${JSON.stringify(options.stack)} is not a stack name`,
    Number.isInteger(port) && port >= 0 && port <= 65_535 ? undefined : `callback port ${port} is not a port number`,
    Number.isFinite(timeoutMs) && timeoutMs > 0 ? undefined : "the timeout must be positive",
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) {
    throw new AuthorizeError("INVALID_OPTIONS", `Cannot authorize: ${problems.join("; ")}.`);
  }
}

/** Constant-time, so that the time taken says nothing about how much of a guessed state was right. */
function sameState(given: string | null, expected: string): boolean {
  if (given === null) {
    return false;
  }
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Text from the redirect reaches the terminal: no control characters, and not a page of it. */
const printable = (text: string): string => text.replace(/[^\x20-\x7e]/g, "?").slice(0, 200);
