/**
 * Where the time goes (bench/host-profile.ts): a V8 CPU profile summed by kind of code, the dynamic-provider host
 * told from the program, and the time inside the provider's methods. A tiny synthetic profile, no profiling.
 */
import test from "ava";
import { bucketOf, type CpuProfile, summarizeProfile } from "../../bench/host-profile.js";

const OPERATIONS = "file:///p/node_modules/pulumi-amplify-box/dist/provider/dynamic/instance-operations.js";
const HOST = "file:///p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";

const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 9 });

test("each URL falls in its kind of code", (t) => {
  t.is(
    bucketOf("file:///x/node_modules/pulumi-amplify-box/dist/provider/mapping/plan-update.js", "planUpdate"),
    "this package's provider",
  );
  t.is(bucketOf("file:///x/node_modules/got/dist/source/core/index.js", "f"), "got");
  t.is(bucketOf("file:///x/node_modules/cacheable-lookup/source/index.js", "f"), "got");
  t.is(bucketOf("file:///x/node_modules/@sindresorhus/is/dist/index.js", "f"), "got");
  t.is(bucketOf("file:///x/node_modules/@grpc/grpc-js/build/src/server.js", "f"), "gRPC and protobuf");
  t.is(bucketOf("file:///x/node_modules/google-protobuf/google-protobuf.js", "f"), "gRPC and protobuf");
  t.is(bucketOf("file:///x/node_modules/@pulumi/pulumi/runtime/rpc.js", "f"), "@pulumi/pulumi SDK");
  t.is(bucketOf("file:///x/node_modules/typescript/lib/typescript.js", "f"), "TypeScript compiler (loaded by the SDK)");
  t.is(bucketOf("file:///x/node_modules/spdx-correct/index.js", "f"), "other packages");
  t.is(bucketOf("file:///x/dist/bench/fleet-program.js", "f"), "the program");
  t.is(bucketOf("node:internal/modules/cjs/loader", "wrapSafe"), "Node.js internals");
  t.is(bucketOf("", "(garbage collector)"), "(garbage collector)");
  t.is(bucketOf("", "(idle)"), "(idle)");
  t.is(bucketOf("", "(program)"), "(program)");
  t.is(bucketOf("", "writev"), "V8 and native");
});

test("a profile is summed by kind of code, idle left out of busy, with the methods' inclusive time", (t) => {
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame("(root)", ""), children: [2, 4, 5] },
      { id: 2, callFrame: frame("diff", OPERATIONS), children: [3] },
      {
        id: 3,
        callFrame: frame("planUpdate", OPERATIONS.replace("dynamic/instance-operations", "mapping/plan-update")),
      },
      { id: 4, callFrame: frame("(idle)", "") },
      { id: 5, callFrame: frame("serve", HOST) },
    ],
    samples: [2, 3, 3, 4, 5],
    timeDeltas: [1000, 2000, 3000, 50_000, 4000],
  };
  const summary = summarizeProfile("preview", profile);
  t.is(summary.kind, "provider host");
  t.is(summary.sampledMs, 60);
  t.is(summary.busyMs, 10, "idle left out");
  t.deepEqual(summary.methods, { diff: 6 }, "diff's own 1 ms and planUpdate's 5 ms");
  t.deepEqual(summary.buckets, [
    ["this package's provider", 6],
    ["@pulumi/pulumi SDK", 4],
  ]);
  t.deepEqual(summary.top[0], ["planUpdate mapping/plan-update.js:10", 5], "name, the last two parts of the URL, line");
});

test("a method inside another method counts once, at the outermost call; calls apart add up", (t) => {
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame("(root)", ""), children: [2, 4] },
      { id: 2, callFrame: frame("create", OPERATIONS), children: [3] },
      { id: 3, callFrame: frame("read", OPERATIONS), children: [5] },
      { id: 4, callFrame: frame("create", OPERATIONS) },
      { id: 5, callFrame: frame("create", OPERATIONS) },
      // The same function name elsewhere is not the provider's.
      { id: 6, callFrame: frame("create", "file:///p/node_modules/got/dist/source/create.js") },
    ],
    samples: [2, 3, 4, 5, 6],
    timeDeltas: [1000, 1000, 1000, 1000, 1000],
  };
  const summary = summarizeProfile("up", profile);
  t.is(summary.kind, "program", "no dynamic-provider host code in it");
  t.deepEqual(summary.methods, { create: 4 }, "3 ms under the first call (read and create inside it), 1 ms the other");
});
