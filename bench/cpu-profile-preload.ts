/**
 * Loaded with `node --require` (through NODE_OPTIONS) into every Node.js process a profiled fleet starts: the
 * program and the dynamic-provider host. Node 20 refuses `--cpu-prof` in NODE_OPTIONS, so the inspector's profiler
 * is started here instead, and the profile is written to $BENCH_CPU_PROFILE_DIR when the process ends (the engine
 * stops the provider host with a signal).
 */
import { writeFileSync } from "node:fs";
import * as inspector from "node:inspector";
import * as path from "node:path";

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir !== undefined) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 500 });
  session.post("Profiler.start");
  let written = false;
  const write = () => {
    if (written) {
      return;
    }
    written = true;
    session.post("Profiler.stop", (error, result) => {
      if (error === null) {
        writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
      }
    });
  };
  process.on("exit", write);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      write();
      process.exit(0);
    });
  }
}
