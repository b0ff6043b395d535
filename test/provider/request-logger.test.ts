import test from "ava";
import { debugRequestLogger } from "../../provider/dynamic/request-logger.js";

const entry = {
  operation: "read instance 100001",
  method: "GET",
  path: "/instances/100001",
  status: 503,
  durationMs: 42,
  retries: 2,
  requestId: "53dbca9430045c016b46566c",
};

function captured(log: ((e: typeof entry) => void) | undefined): string {
  const original = process.stderr.write;
  let text = "";
  process.stderr.write = ((chunk: string) => {
    text += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    log?.(entry);
  } finally {
    process.stderr.write = original;
  }
  return text;
}

test("debug lines are off unless AMPLIFY_DEBUG or Pulumi's -v flag asks for them", (t) => {
  t.is(debugRequestLogger({}, ["node", "provider"]), undefined);
  t.is(debugRequestLogger({ AMPLIFY_DEBUG: "0" }, []), undefined);
  t.not(debugRequestLogger({ AMPLIFY_DEBUG: "1" }, []), undefined);
  t.not(debugRequestLogger({}, ["node", "provider", "-v=9", "--logtostderr", "127.0.0.1:1"]), undefined);
});

test("a debug line names method, path, status, duration, retries and requestId", (t) => {
  t.is(
    captured(debugRequestLogger({ AMPLIFY_DEBUG: "true" }, [])),
    'amplify: GET /instances/100001 503 42ms retries=2 requestId=53dbca9430045c016b46566c op="read instance 100001"\n',
  );
});
