/**
 * `npm run bench` itself (bench/run.ts), in a short run: the size section and its goal. The fleets need the Pulumi
 * CLI and minutes; the full run is by hand (`npm run bench`).
 */
import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import { resolve } from "node:path";
import test from "ava";

test("a short bench run prints the goals and the size table and leaves BENCHMARKS.md alone", async (t) => {
  const before = statSync(resolve("BENCHMARKS.md")).mtimeMs;
  const child = spawn(process.execPath, [resolve("dist/bench/run.js"), "--only", "size", "--no-write"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
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
  t.regex(stdout, /\| serialized provider ≤ 16384 bytes \| \d+ bytes \| met \|/);
  t.regex(stdout, /\| provider text \(`__provider`\) every BoxConnectorInstance registers \| \d+ \| ≤ 16384: met \|/);
  t.regex(stderr, /bench: every goal met/);
  t.is(statSync(resolve("BENCHMARKS.md")).mtimeMs, before);
});
