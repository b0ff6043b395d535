/**
 * `npm run bench` itself (bench/run.ts), in a short run: per operation through the provider in-process and in the
 * real dynamic-provider host, and the size. The fleets need the Pulumi CLI and minutes; the full run is by hand.
 */
import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import { resolve } from "node:path";
import test from "ava";

test("a short bench run prints the goals and the per-operation table and leaves BENCHMARKS.md alone", async (t) => {
  const before = statSync(resolve("BENCHMARKS.md")).mtimeMs;
  const child = spawn(
    process.execPath,
    [resolve("dist/bench/run.js"), "--only", "ops,size", "--runs", "3", "--warmup", "1", "--no-write"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const status = await new Promise<number | null>((done) => child.on("close", done));
  t.is(status, 0, stderr);
  t.regex(
    stdout,
    /\| provider overhead ≤ 1\.15× the raw request, provider via host \(gRPC\) \(median\) \| worst: \w+ \d+\.\d+× \| (met|\*\*missed\*\*) \|/,
  );
  for (const operation of ["create", "read", "update", "delete"]) {
    t.regex(
      stdout,
      new RegExp(`^\\| ${operation} \\| .* \\| \\d+\\.\\d+× \\| \\d+\\.\\d+× \\| \\d+\\.\\d+× \\|$`, "m"),
      operation,
    );
  }
  t.regex(stdout, /\| provider text \(`__provider`\) every BoxConnectorInstance registers \| \d+ \| ≤ 16384: met \|/);
  t.is(statSync(resolve("BENCHMARKS.md")).mtimeMs, before);
});
