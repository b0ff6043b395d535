import { parseArgs } from "node:util";
import { resolveBaseUrl } from "../provider/client/connection-settings.js";
import { type AuthorizeOptions, DEFAULT_CALLBACK_PORT, DEFAULT_CONFIG_KEY, DEFAULT_TIMEOUT_MS } from "./authorize.js";

export const AUTHORIZE_USAGE = `Usage: pulumi-amplify-box authorize --api-key <Box client id> [options]

Gets a Box OAuth grant code through AMPLIFY and stores it at once as a secret in stack config, so that
\`pulumi up\` can use it before it expires. Prints the URL to open, waits for Box's redirect on a loopback
port, checks its state, then runs \`pulumi config set --secret\` with the code on stdin.

Options:
  --api-key ID             the Box client id (oauth.api.key)
  --api-secret-env NAME    the environment variable holding the Box client secret (default BOX_CLIENT_SECRET);
                           the secret itself is never taken on the command line
  --stack NAME             the stack to store the code in (default: the selected stack)
  --config-key KEY         the config key (default ${DEFAULT_CONFIG_KEY}, in the project's namespace unless KEY is ns:key)
  --cwd DIR                the Pulumi project folder (default: the current directory)
  --callback-port N        the loopback port of the redirect URI http://127.0.0.1:N/callback
                           (default ${DEFAULT_CALLBACK_PORT}; register that URI in the Box app; 0 picks a free port)
  --base-url URL|PRESET    AMPLIFY's API base URL or a preset (us, eu, staging, sap-us2); default $AMPLIFY_BASE_URL or us
  --timeout SECONDS        how long to wait for the redirect (default ${DEFAULT_TIMEOUT_MS / 1000})
  --open                   also try to open the URL in the default browser
  -h, --help               show this help

Environment:
  AMPLIFY_USER_SECRET, AMPLIFY_ORGANIZATION_SECRET   the AMPLIFY account secrets (required)
  AMPLIFY_BASE_URL                                   used when --base-url is not given`;

export type AuthorizeCommand =
  | { readonly kind: "help" }
  | {
      readonly kind: "authorize";
      readonly options: Omit<AuthorizeOptions, "openUrl" | "storeSecret" | "log" | "signal">;
      readonly open: boolean;
    };

export const DEFAULT_API_SECRET_ENV = "BOX_CLIENT_SECRET";

/**
 * Reads `authorize`'s arguments and the environment. Secrets come from the environment only.
 * @throws TypeError with a message fit for the terminal, naming every problem.
 */
export function parseAuthorizeArguments(args: readonly string[], env: NodeJS.ProcessEnv): AuthorizeCommand {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      "api-key": { type: "string" },
      "api-secret-env": { type: "string", default: DEFAULT_API_SECRET_ENV },
      stack: { type: "string" },
      "config-key": { type: "string", default: DEFAULT_CONFIG_KEY },
      cwd: { type: "string" },
      "callback-port": { type: "string", default: String(DEFAULT_CALLBACK_PORT) },
      "base-url": { type: "string" },
      timeout: { type: "string", default: String(DEFAULT_TIMEOUT_MS / 1000) },
      open: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) {
    return { kind: "help" };
  }
  const problems: string[] = [];
  const secretEnv = values["api-secret-env"];
  const apiSecret = /^[A-Za-z_]\w*$/.test(secretEnv) ? (env[secretEnv] ?? "") : undefined;
  if (apiSecret === undefined) {
    problems.push(`--api-secret-env needs an environment variable name; got ${JSON.stringify(secretEnv)}`);
  } else if (apiSecret === "") {
    problems.push(`set ${secretEnv} to the Box client secret (or name another variable with --api-secret-env)`);
  }
  if (values["api-key"] === undefined || values["api-key"].trim() === "") {
    problems.push("--api-key is required: the Box client id");
  }
  for (const name of ["AMPLIFY_USER_SECRET", "AMPLIFY_ORGANIZATION_SECRET"]) {
    if ((env[name] ?? "") === "") {
      problems.push(`set ${name}`);
    }
  }
  const port = wholeNumber(values["callback-port"]);
  if (port === undefined || port > 65_535) {
    problems.push(`--callback-port needs a port number; got ${JSON.stringify(values["callback-port"])}`);
  }
  const timeoutSeconds = wholeNumber(values.timeout);
  if (timeoutSeconds === undefined || timeoutSeconds < 1) {
    problems.push(`--timeout needs a whole number of seconds; got ${JSON.stringify(values.timeout)}`);
  }
  let baseUrl = "";
  try {
    baseUrl = resolveBaseUrl(values["base-url"] ?? env.AMPLIFY_BASE_URL, "--base-url (or AMPLIFY_BASE_URL)");
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (problems.length > 0) {
    throw new TypeError(problems.join("\n"));
  }
  return {
    kind: "authorize",
    open: values.open,
    options: {
      connection: {
        baseUrl,
        userSecret: env.AMPLIFY_USER_SECRET as string,
        organizationSecret: env.AMPLIFY_ORGANIZATION_SECRET as string,
      },
      apiKey: (values["api-key"] as string).trim(),
      apiSecret: apiSecret as string,
      configKey: values["config-key"],
      callbackPort: port as number,
      timeoutMs: (timeoutSeconds as number) * 1000,
      ...(values.stack === undefined ? {} : { stack: values.stack }),
      ...(values.cwd === undefined ? {} : { cwd: values.cwd }),
    },
  };
}

const wholeNumber = (raw: string): number | undefined => (/^\d{1,9}$/.test(raw) ? Number(raw) : undefined);
