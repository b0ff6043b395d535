import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import test from "ava";
import { startSandbox } from "../../sandbox/index.js";
import { createLocalStack } from "../../scripts/local-stack.js";
import { REPO_ROOT } from "../../scripts/pulumi-cli.js";
import { secretValues } from "../helpers/box-inputs.js";

/**
 * Another infrastructure repository depends on this package: `npm pack`, install the tarball into a fresh
 * program, and run that program against the sandbox with the real Pulumi CLI. The provider then loads its
 * implementation from the program's own node_modules, as it does for users.
 */

const run = promisify(execFile);
const secrets = secretValues("packed");

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { BoxConnectorInstance } = require("pulumi-amplify-box");
const config = new pulumi.Config();
const box = new BoxConnectorInstance("packed", {
  name: "Box from the packed package",
  authorizationCode: config.requireSecret("boxAuthCode"),
  oauth: { apiKey: "packed-client", apiSecret: config.requireSecret("boxClientSecret"), callbackUrl: "https://app.example.com/oauth" },
  tags: ["packed"],
});
exports.instanceId = box.instanceId;
exports.token = box.token;
`;

test("a program that installs the packed package previews, applies and destroys against the sandbox", async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "amplify-box-packed-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await run("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
  const tarball = (await readdir(dir)).find((name) => name.endsWith(".tgz"));
  t.truthy(tarball, "npm pack wrote a tarball");
  const programDir = path.join(dir, "program");
  await run("mkdir", ["-p", programDir]);
  await writeFile(path.join(programDir, "index.js"), PROGRAM);
  await writeFile(
    path.join(programDir, "package.json"),
    JSON.stringify({ name: "uses-pulumi-amplify-box", private: true, dependencies: {} }),
  );
  await run(
    "npm",
    ["install", "--no-audit", "--no-fund", "--loglevel=error", path.join(dir, tarball ?? ""), "@pulumi/pulumi@3.248.0"],
    { cwd: programDir, maxBuffer: 16 * 1024 * 1024 },
  );

  const sandbox = await startSandbox();
  t.teardown(() => sandbox.close());
  const local = await createLocalStack({
    programDir,
    main: "index.js",
    config: {
      "amplify:baseUrl": { value: sandbox.baseUrl },
      "amplify:userSecret": { value: sandbox.userSecret, secret: true },
      "amplify:organizationSecret": { value: sandbox.organizationSecret, secret: true },
      "amplify-box:boxAuthCode": { value: secrets.authorizationCode, secret: true },
      "amplify-box:boxClientSecret": { value: secrets.apiSecret, secret: true },
    },
  });
  t.teardown(() => local.dispose());

  const preview = await local.stack.preview({ color: "never" });
  t.is(preview.changeSummary.create, 2);
  t.deepEqual(
    sandbox.requests.filter((r) => r.method !== "GET"),
    [],
  );
  const up = await local.stack.up({ color: "never" });
  t.is(up.outputs.instanceId?.value, String(sandbox.instances()[0]?.id));
  t.true(up.outputs.token?.secret ?? false);
  const state = await local.pulumi(["stack", "export"]);
  t.true(state.includes("pulumi-amplify-box/dist/provider/dynamic/instance-operations.js"), "the shim is in state");
  await local.stack.destroy({ color: "never" });
  t.deepEqual(sandbox.instances(), []);
});
