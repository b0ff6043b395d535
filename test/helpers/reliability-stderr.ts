import { type Settled, settle } from "./reliability-session.js";

/**
 * Captures what this process writes to stderr (the provider's `AMPLIFY_DEBUG=1` lines go there). Only one capture
 * may be active at a time; `stop()` restores the stream and returns everything captured.
 */
export function captureStderr(): { text(): string; stop(): string } {
  const original = process.stderr.write;
  const chunks: string[] = [];
  const replacement = (chunk: unknown, ...rest: unknown[]): boolean => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
    rest.find((item): item is () => void => typeof item === "function")?.();
    return true;
  };
  process.stderr.write = replacement as typeof process.stderr.write;
  let stopped = false;
  return {
    text: () => chunks.join(""),
    stop: () => {
      if (!stopped) {
        process.stderr.write = original;
        stopped = true;
      }
      return chunks.join("");
    },
  };
}

/** Runs `body` with `AMPLIFY_DEBUG=1` and stderr captured; returns how it settled and the debug text. */
export async function withDebugLog<T>(body: () => Promise<T>): Promise<{ result: Settled<T>; log: string }> {
  const previous = process.env.AMPLIFY_DEBUG;
  process.env.AMPLIFY_DEBUG = "1";
  const capture = captureStderr();
  try {
    const result = await settle(body());
    return { result, log: capture.text() };
  } finally {
    capture.stop();
    if (previous === undefined) {
      delete process.env.AMPLIFY_DEBUG;
    } else {
      process.env.AMPLIFY_DEBUG = previous;
    }
  }
}
