import { inspect } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import test from "ava";
import { DesiredStateError, declareInstances, formatProblem, loadDesiredState } from "../../desired-state/index.js";
import { readBadCorpus } from "./helpers/corpus.js";
import { installMockEngine, setSecretConfig } from "./helpers/mock-engine.js";

const engine = installMockEngine();

/** A file with a secret of each kind, and `extra` lines appended to its only instance. */
function fileWith(secretField: string, extra: string[] = []): string {
  return [
    "instances:",
    "  prod-events:",
    "    authorization: { code: { secret: boxAuthCodeProdEvents } }",
    "    oauth:",
    "      apiKey: client-id-1",
    `      apiSecret: ${secretField}`,
    "      callbackUrl: https://app.example.com/oauth/box",
    ...extra,
  ].join("\n");
}

test("a literal secret is refused with the commands that move it into stack config, without its value", (t) => {
  const literal = "Zx9-literal-client-secret";
  const result = loadDesiredState(fileWith(literal), "instances.yaml", { env: {} });
  t.false(result.ok);
  const problems = result.ok ? [] : result.problems;
  t.deepEqual(problems.map(formatProblem), [
    "instances.yaml:6:18 instances.prod-events.oauth.apiSecret: secrets may not be written in the file; run `pulumi config set --secret boxClientSecret <value>` and write { secret: boxClientSecret }",
  ]);
  t.false(new DesiredStateError(problems).message.includes(literal));
});

test("a literal secret in any form is never echoed: quoted, block, number, flow key, with other problems", (t) => {
  const forms = [
    '"Zx9-quoted-secret"',
    "'Zx9-single-quoted'",
    "|\n        Zx9-block-secret",
    "909090909",
    "{ Zx9-flow-key-secret }",
    "[Zx9-list-secret]",
    "{ secret: boxClientSecret, Zx9-extra-key: 1 }",
    "!secret Zx9-tagged-secret",
  ];
  for (const form of forms) {
    const result = loadDesiredState(fileWith(form, ["    tags: [prod, prod]"]), "instances.yaml", { env: {} });
    t.false(result.ok, form);
    const message = new DesiredStateError(result.ok ? [] : result.problems).message;
    const secret = /Zx9[\w-]*|909090909/.exec(form)?.[0] ?? "";
    t.false(message.includes(secret), `${form} appears in:\n${message}`);
  }
});

test("the bad corpus's error messages never contain the literal secrets its files write", (t) => {
  // Each literal secret of the corpus is spelled so that it can be found: it contains "literal" or "s3cr3t".
  for (const file of readBadCorpus()) {
    const result = loadDesiredState(file.text, "instances.yaml", { env: file.env });
    const message = new DesiredStateError(result.ok ? [] : result.problems).message;
    t.notRegex(message, /literal-|s3cr3t|hunter2|20240101/i, file.name);
  }
});

test("values read from the environment appear in no message, and not when the state is logged", (t) => {
  const env = { BOX_CLIENT_SECRET: "Env-Secret-Value-1", HOOK_KEY: "Env-Secret-Value-2" };
  const broken = loadDesiredState(
    fileWith("{ env: BOX_CLIENT_SECRET }", [
      "    events: { enabled: true, callbackUrl: not-a-url, signatureKey: { env: HOOK_KEY } }",
    ]),
    "instances.yaml",
    { env },
  );
  t.false(broken.ok);
  const message = new DesiredStateError(broken.ok ? [] : broken.problems).message;
  t.notRegex(message, /Env-Secret-Value/);

  const loaded = loadDesiredState(fileWith("{ env: BOX_CLIENT_SECRET }"), "instances.yaml", { env });
  if (!loaded.ok) {
    t.fail(JSON.stringify(loaded.problems));
    return;
  }
  t.notRegex(JSON.stringify(loaded.state), /Env-Secret-Value/);
  t.notRegex(inspect(loaded.state, { depth: 10 }), /Env-Secret-Value/);
  const reference = loaded.state.instances[0]?.oauth.apiSecret;
  t.is(reference?.kind === "env" ? reference.value : undefined, "Env-Secret-Value-1");
});

test.serial("stack config values appear in no message when other keys are missing", async (t) => {
  await engine;
  setSecretConfig({ boxClientSecret: "Config-Secret-Value" });
  const loaded = loadDesiredState(fileWith("{ secret: boxClientSecret }"), "instances.yaml", { env: {} });
  if (!loaded.ok) {
    t.fail(JSON.stringify(loaded.problems));
    return;
  }
  const error = t.throws(() => declareInstances(loaded.state, new pulumi.Config()), {
    instanceOf: DesiredStateError,
  });
  t.regex(error?.message ?? "", /stack config boxAuthCodeProdEvents is not set/);
  t.notRegex(error?.message ?? "", /Config-Secret-Value/);
});
