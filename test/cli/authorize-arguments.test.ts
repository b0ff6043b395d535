import test from "ava";
import { parseAuthorizeArguments } from "../../cli/authorize-arguments.js";

const env = {
  AMPLIFY_USER_SECRET: "user-secret-value",
  AMPLIFY_ORGANIZATION_SECRET: "organization-secret-value",
  BOX_CLIENT_SECRET: "box-secret-value",
};

test("defaults: key boxAuthCode, port 8765, a 5-minute wait, the US host, the secret from BOX_CLIENT_SECRET", (t) => {
  const command = parseAuthorizeArguments(["--api-key", "client-id"], env);
  t.deepEqual(command, {
    kind: "authorize",
    open: false,
    options: {
      connection: {
        baseUrl: "https://api.cloud-elements.com/elements/api-v2",
        userSecret: "user-secret-value",
        organizationSecret: "organization-secret-value",
      },
      apiKey: "client-id",
      apiSecret: "box-secret-value",
      configKey: "boxAuthCode",
      callbackPort: 8765,
      timeoutMs: 300_000,
    },
  });
});

test("options and environment: presets, AMPLIFY_BASE_URL, another secret variable", (t) => {
  const command = parseAuthorizeArguments(
    [
      "--api-key",
      "id",
      "--api-secret-env",
      "OTHER",
      "--base-url",
      "eu",
      "--stack",
      "org/proj/prod",
      "--cwd",
      "/p",
      "--open",
    ],
    { ...env, OTHER: "other-secret" },
  );
  t.like(command, {
    open: true,
    options: {
      apiSecret: "other-secret",
      stack: "org/proj/prod",
      cwd: "/p",
      connection: { baseUrl: "https://api.cloud-elements.co.uk/elements/api-v2" },
    },
  });
  const fromEnv = parseAuthorizeArguments(["--api-key", "id"], {
    ...env,
    AMPLIFY_BASE_URL: "http://127.0.0.1:9/elements/api-v2/",
  });
  t.like(fromEnv, { options: { connection: { baseUrl: "http://127.0.0.1:9/elements/api-v2" } } });
  t.deepEqual(parseAuthorizeArguments(["--help"], {}), { kind: "help" });
});

test("every problem is named at once", (t) => {
  const error = t.throws(() =>
    parseAuthorizeArguments(["--api-secret-env", "NOT A NAME", "--callback-port", "99999", "--timeout", "0"], {}),
  );
  const lines = error?.message.split("\n") ?? [];
  t.deepEqual(lines, [
    '--api-secret-env needs an environment variable name; got "NOT A NAME"',
    "--api-key is required: the Box client id",
    "set AMPLIFY_USER_SECRET",
    "set AMPLIFY_ORGANIZATION_SECRET",
    '--callback-port needs a port number; got "99999"',
    '--timeout needs a whole number of seconds; got "0"',
  ]);
});
