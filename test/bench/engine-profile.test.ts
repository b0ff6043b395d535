import test from "ava";
import { durationMs, ENGINE_ACTIVITIES, engineSide, parsePprofTop } from "../../bench/engine-profile.js";
import { engineProfileTable } from "../../bench/report-tables.js";

// The shape `go tool pprof -top -cum` prints (lines cut from a real profile of `pulumi up`).
const TOP = `File: pulumi
Type: cpu
Duration: 21.52s, Total samples = 20.35s (94.58%)
Showing nodes accounting for 14.03s, 68.94% of 20.35s total
      flat  flat%   sum%        cum   cum%
         0     0%     0%     13.70s 67.32%  github.com/pulumi/pulumi/pkg/v3/backend.(*SnapshotManager).saveSnapshot
     0.09s  0.44%  2.41%      2.44s 11.99%  github.com/pulumi/pulumi/pkg/v3/resource/stack.SerializeResource
         0     0% 18.97%      2.02s  9.93%  crypto/md5.(*digest).Write
         0     0%     0%      5.08s 24.96%  runtime.gcBgMarkWorker
     0.01s 0.049%  1.97%     250ms  1.23%  encoding/json.(*Encoder).Encode
`;

test("pprof durations read in ms, whatever the unit", (t) => {
  t.is(durationMs("13.70s"), 13_700);
  t.is(durationMs("250ms"), 250);
  t.is(durationMs("0"), 0);
  t.true(Number.isNaN(durationMs("fast")));
});

test("the engine's total and each activity's cumulative time come from the top listing", (t) => {
  const side = engineSide(parsePprofTop(TOP), 1234);
  t.is(side.totalMs, 20_350);
  const byFn = (fn: string) => side.activities[ENGINE_ACTIVITIES.find((item) => item.fn === fn)?.activity ?? ""];
  t.is(byFn("github.com/pulumi/pulumi/pkg/v3/backend.(*SnapshotManager).saveSnapshot"), 13_700);
  t.is(byFn("crypto/md5.(*digest).Write"), 2_020);
  t.is(byFn("encoding/json.(*Encoder).Encode"), 250);
  // A function the profile never sampled took no time, rather than an unknown one.
  t.is(byFn("github.com/pulumi/pulumi/pkg/v3/backend/diy.backupTarget"), 0);
});

test("the table sets each activity of the provider against the minimal provider's, with the state files", (t) => {
  const provider = engineSide(parsePprofTop(TOP), 1_058_058);
  const floor = engineSide(parsePprofTop(TOP.replace("13.70s", "6.85s").replace("20.35s", "13.50s")), 789_961);
  const markdown = engineProfileTable({ size: 400, provider, floor });
  t.regex(markdown, /saving checkpoints[^|]*\| 13700 \(67%\) \| 6850 \(51%\) \| 2\.00× \|/);
  // The rest is the engine's CPU less the checkpoints and the garbage collector, never less their parts again.
  t.regex(markdown, /the rest[^|]*\| 1570 \(8%\) \| 1570 \(12%\) \| 1\.00× \|/);
  t.regex(markdown, /\| … encoding JSON/);
  t.regex(markdown, /state file after up, bytes \| 1058058 \| 789961 \| 1\.34× \|/);
  t.is(
    engineProfileTable({ notMeasured: "go tool pprof could not read it" }),
    "Not measured: go tool pprof could not read it",
  );
});
