import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import test from "ava";
import { startSandbox } from "../../sandbox/index.js";
import { createLocalStack } from "../../scripts/local-stack.js";
import { REPO_ROOT } from "../../scripts/pulumi-cli.js";
import { secretValues } from "../helpers/box-inputs.js";
import { NODE_RELEASES, type NodeLine, nodeBinDir } from "../helpers/node-line.js";

/**
 * Another infrastructure repository depends on this package: `npm pack`, install the tarball next to an
 * @pulumi/pulumi of the supported range into a fresh program, and run that program against the sandbox with the
 * real Pulumi CLI, on each supported Node.js line. The provider then loads its implementation from the program's
 * own node_modules, and the dynamic-provider host is the program's own SDK, as for users.
 */

const run = promisify(execFile);
const secrets = secretValues("packed");
const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
/** The newest SDK the project tests (its own devDependency) and the lowest its peer range admits. */
const NEWEST_SDK = manifest.devDependencies["@pulumi/pulumi"] ?? "missing";
const LOWEST_SDK = /^>=(\S+)/.exec(manifest.peerDependencies["@pulumi/pulumi"] ?? "")?.[1] ?? "missing";

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
exports.nodeVersion = process.version;
`;

let tarball = "";
test.before(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "amplify-box-pack-"));
  await run("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
  const name = (await readdir(dir)).find((file) => file.endsWith(".tgz"));
  if (name === undefined) {
    throw new Error("npm pack wrote no tarball");
  }
  tarball = path.join(dir, name);
});

const consumers: Array<{ line: NodeLine; sdk: string }> = [
  { line: 22, sdk: NEWEST_SDK },
  { line: 24, sdk: NEWEST_SDK },
  { line: 26, sdk: NEWEST_SDK },
  { line: 22, sdk: LOWEST_SDK },
];

for (const { line, sdk } of consumers) {
  test.serial(
    `on Node ${NODE_RELEASES[line]} with @pulumi/pulumi ${sdk}: one SDK copy, preview, up, no changes, destroy`,
    async (t) => {
      t.timeout(8 * 60 * 1000);
      const nodeBin = await nodeBinDir(NODE_RELEASES[line]);
      const env = { ...process.env, PATH: `${nodeBin}:${process.env.PATH ?? ""}` };
      const dir = await mkdtemp(path.join(os.tmpdir(), "amplify-box-packed-"));
      t.teardown(() => rm(dir, { recursive: true, force: true }));
      await writeFile(path.join(dir, "index.js"), PROGRAM);
      await writeFile(
        path.join(dir, "package.json"),
        JSON.stringify({ name: "uses-pulumi-amplify-box", private: true, dependencies: {} }),
      );
      const install = await run("npm", ["install", "--no-audit", "--no-fund", tarball, `@pulumi/pulumi@${sdk}`], {
        cwd: dir,
        env,
        maxBuffer: 16 * 1024 * 1024,
      });
      t.notRegex(`${install.stdout}${install.stderr}`, /EBADENGINE|ERESOLVE|peer dep/i, "a clean install");
      const copies = await run("npm", ["ls", "@pulumi/pulumi", "--all", "--parseable"], { cwd: dir, env });
      t.deepEqual(
        copies.stdout.trim().split("\n"),
        [path.join(dir, "node_modules", "@pulumi", "pulumi")],
        "exactly one copy of the SDK",
      );

      const sandbox = await startSandbox();
      t.teardown(() => sandbox.close());
      const local = await createLocalStack({
        programDir: dir,
        main: "index.js",
        nodeBinDir: nodeBin,
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
      t.is(up.outputs.nodeVersion?.value, `v${NODE_RELEASES[line]}`, "the program ran on that Node.js");
      await t.notThrowsAsync(local.stack.preview({ color: "never", expectNoChanges: true }));
      const state = await local.pulumi(["stack", "export"]);
      t.true(state.includes('require(\\"pulumi-amplify-box/provider-host\\")'), "the provider text is in state");
      await local.stack.destroy({ color: "never" });
      t.deepEqual(sandbox.instances(), []);
    },
  );
}
