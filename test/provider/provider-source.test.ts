/**
 * The `__provider` text every BoxConnectorInstance registers (provider/dynamic/provider-source.ts): what the
 * resource class sends to the engine, and what the dynamic-provider host gets when it evaluates it.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import test from "ava";
import { instanceOperations } from "../../provider/dynamic/instance-operations.js";
import { LEGACY_IMPLEMENTATION_MODULE, PROVIDER_SOURCE } from "../../provider/dynamic/provider-source.js";
import { BOX_CONNECTOR_INSTANCE_TYPE, BoxConnectorInstance } from "../../provider/resource/box-connector-instance.js";
import { repoRoot } from "../helpers/provider-host.js";
import { loadProviderSource } from "../helpers/provider-source.js";

interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

const registered: Registered[] = [];

test.before(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        return { id: `id-${args.name}`, state: {} };
      },
      call: () => ({}),
    },
    "provider-source-test",
    "dev",
    false,
  );
});

test.serial(
  "a BoxConnectorInstance registers the fixed provider text as a dynamic resource, with no secret in it",
  async (t) => {
    const secrets = {
      authorizationCode: randomBytes(16).toString("hex"),
      refreshToken: randomBytes(16).toString("hex"),
      apiSecret: randomBytes(16).toString("hex"),
      signatureKey: randomBytes(16).toString("hex"),
    };
    const resource = new BoxConnectorInstance("scan", {
      authorizationCode: secrets.authorizationCode,
      refreshToken: secrets.refreshToken,
      oauth: { apiKey: "box-client-id", apiSecret: secrets.apiSecret, callbackUrl: "https://app.example.com/cb" },
      events: { enabled: true, callbackUrl: "https://hooks.example.com/box", signatureKey: secrets.signatureKey },
    });
    await new Promise<void>((resolve) => resource.urn.apply(() => resolve()));
    const entry = registered.find((item) => item.name === "scan");
    t.is(entry?.type, BOX_CONNECTOR_INSTANCE_TYPE);
    t.true(BOX_CONNECTOR_INSTANCE_TYPE.startsWith("pulumi-nodejs:dynamic/"), "the engine runs it in the dynamic host");
    const text = entry?.inputs.__provider;
    t.is(text, PROVIDER_SOURCE, "a plain string, the same for every resource");
    for (const [what, value] of Object.entries(secrets)) {
      t.false(String(text).includes(value), `__provider contains the ${what}`);
    }
    t.true(Buffer.byteLength(PROVIDER_SOURCE) < 512, `__provider is ${Buffer.byteLength(PROVIDER_SOURCE)} bytes`);
  },
);

test("the provider text requires only the package itself, by a name that resolves from the program's folder", (t) => {
  const required = [...PROVIDER_SOURCE.matchAll(/\brequire\(\s*"([^"]*)"\s*\)/g)].map((match) => match[1] ?? "");
  t.is(required.length, 1, PROVIDER_SOURCE);
  const name = required[0] ?? "";
  t.true(name.startsWith("pulumi-amplify-box/"), name);
  const manifest = JSON.parse(readFileSync(path.join(repoRoot(), "package.json"), "utf8")) as { name: string };
  t.is(manifest.name, "pulumi-amplify-box");
  t.false(builtinModules.includes(name));
  t.is(require.resolve(name, { paths: [repoRoot()] }), require.resolve("../../provider/dynamic/provider-host.js"));
});

test("evaluated as the host evaluates it, the text yields the provider with all seven methods", (t) => {
  const provider = loadProviderSource();
  t.is(provider, instanceOperations, "the installed implementation, loaded once per process");
  for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"] as const) {
    t.is(typeof provider[method], "function", method);
  }
});

test("where the package is not installed, the host's error names the package to install", (t) => {
  const elsewhere = path.join(os.tmpdir(), "no-such-program", "__provider.js");
  // require-from-string resolves modules from the folder of the file name it is given (the host gives none: cwd).
  const requireFromString = require("require-from-string") as (code: string, filename: string) => unknown;
  const error = t.throws(() => requireFromString(PROVIDER_SOURCE, elsewhere));
  t.regex(error?.message ?? "", /Cannot find module 'pulumi-amplify-box\/provider-host'/);
});

test("state written by earlier releases still loads: their provider text requires a module the package keeps", (t) => {
  const legacyText =
    `exports.handler=function(){try{return require(${JSON.stringify(LEGACY_IMPLEMENTATION_MODULE)}).instanceOperations}` +
    `catch(e){throw new Error("BoxConnectorInstance: npm install pulumi-amplify-box in the Pulumi program's folder; "+e.message)}};`;
  t.is(loadProviderSource(legacyText), instanceOperations);
});
