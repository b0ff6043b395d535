import test from "ava";
import { secretValues } from "../helpers/box-inputs.js";
import { type Exhibits, errorExhibits, findLeaks } from "../helpers/reliability-leak-scan.js";
import { ACCOUNT } from "../helpers/reliability-leak-session.js";
import { settle } from "../helpers/reliability-session.js";
import { exportAsUserSees, filesOf, leakStack } from "../helpers/reliability-stack.js";

/**
 * The leak scan on a real stack: the Pulumi CLI runs the TypeScript example against the sandbox with
 * `AMPLIFY_DEBUG=1` (the provider's request lines then show in the CLI's output) through a create, a failing update,
 * a re-authentication with new secrets, a refresh, a preview and a destroy. No secret may appear in what the CLI
 * printed, in its errors, in `pulumi stack export`, in any file the stack wrote, or in an output other than `token`.
 *
 * Pulumi's own verbose logging (`-v`, `--debug`) is held to the rule only for the provider's lines: from level 7
 * the engine logs the inputs it plans with ("Planner decided to create … (inputs=map[…])"), from level 9 the stack
 * config it sends to Configure, and `--debug` makes the Node.js SDK print RegisterResource responses, all in clear.
 * No provider can prevent that; the test counts those lines instead.
 */

const box = secretValues("leak-stack");
const rotated = secretValues("leak-stack-rotated");
const PLAIN = { color: "never" } as const;
const VERBOSE = { color: "never", logToStdErr: true, logVerbosity: 9, debug: true } as const;

test("a real stack through up, a failing up, new secrets, refresh and destroy leaks no secret", async (t) => {
  const { sandbox, local } = await leakStack(t, {
    account: ACCOUNT,
    main: "dist/examples/typescript-instance/index.js",
    config: {
      "amplify-box:boxClientId": { value: "leak-client-id" },
      "amplify-box:boxClientSecret": { value: box.apiSecret, secret: true },
      "amplify-box:boxAuthCode": { value: box.authorizationCode, secret: true },
      "amplify-box:boxWebhookKey": { value: box.signatureKey, secret: true },
    },
    env: { AMPLIFY_DEBUG: "1" },
  });
  const exhibits: Exhibits = {};
  const keep = (label: string, result: { stdout: string; stderr: string }) => {
    exhibits[`${label}: stdout`] = result.stdout;
    exhibits[`${label}: stderr`] = result.stderr;
  };

  const up = await local.stack.up(PLAIN);
  keep("up", up);
  t.regex(up.stdout, /amplify: POST \/instances 200 .* requestId=/, "the provider's debug lines are in the output");
  const token = sandbox.instances()[0]?.token ?? "missing";
  t.is(up.outputs.token?.value, token, "the token output holds the instance token");
  t.true(up.outputs.token?.secret ?? false);

  await local.stack.setConfig("amplify-box:webhookUrl", { value: "https://hooks.example.com/v2" });
  sandbox.faults.add({ kind: "status500", method: "PATCH", times: Number.POSITIVE_INFINITY });
  const failed = await settle(local.stack.up(PLAIN));
  t.false(failed.ok, "the update fails while PATCH answers 500");
  Object.assign(exhibits, errorExhibits("failed up", failed.ok ? undefined : failed.error));
  sandbox.faults.clear();

  await local.stack.setAllConfig({
    "amplify-box:boxAuthCode": { value: rotated.authorizationCode, secret: true },
    "amplify-box:boxClientSecret": { value: rotated.apiSecret, secret: true },
    "amplify-box:boxWebhookKey": { value: rotated.signatureKey, secret: true },
  });
  keep("up with new secrets", await local.stack.up(PLAIN));
  keep("refresh", await local.stack.refresh(PLAIN));
  keep("preview", await local.stack.preview({ ...PLAIN, diff: true }));

  await local.stack.setConfig("amplify-box:webhookUrl", { value: "https://hooks.example.com/v3" });
  const verbose = await local.stack.up(VERBOSE);
  const verboseText = `${verbose.stdout}\n${verbose.stderr}`.split("\n");
  const providerLines = verboseText.filter((line) => line.includes("amplify: "));
  t.true(
    providerLines.some((line) => line.includes("amplify: PATCH")),
    "verbose output has the provider's lines",
  );
  exhibits["up -v=9 --debug: the provider's lines"] = providerLines.join("\n");

  // The new grant code re-authenticated the instance, and the default sandbox then hands out a new token.
  const rotatedToken = sandbox.instances()[0]?.token ?? "missing";
  t.not(rotatedToken, token);
  const { token: tokenOutput, ...otherOutputs } = await local.stack.outputs();
  t.is(tokenOutput?.value, rotatedToken);
  exhibits["outputs other than token"] = JSON.stringify(otherOutputs);
  exhibits["pulumi stack export"] = await exportAsUserSees(local);
  const before = await filesOf(local.rootDir);
  keep("destroy", await local.stack.destroy(PLAIN));
  t.deepEqual(sandbox.instances(), []);
  Object.assign(exhibits, before, await filesOf(local.rootDir));
  t.true(
    Object.keys(exhibits).some((name) => name.includes(".pulumi/stacks")),
    "the state file was scanned",
  );

  const secrets = {
    userSecret: ACCOUNT.userSecret,
    organizationSecret: ACCOUNT.organizationSecret,
    ...Object.fromEntries(Object.entries(box).map(([key, value]) => [`box ${key}`, value])),
    ...Object.fromEntries(Object.entries(rotated).map(([key, value]) => [`rotated ${key}`, value])),
    token,
    rotatedToken,
  };
  t.deepEqual(findLeaks(secrets, exhibits), []);
  const engineLines = verboseText.filter((line) => findLeaks(secrets, { line }).length > 0);
  t.log(`-v=9 --debug: ${engineLines.length} lines by the engine or SDK show secrets, none by the provider`);
  t.log(`${Object.keys(exhibits).length} exhibits scanned, ${Object.values(exhibits).join("").length} characters`);
});
