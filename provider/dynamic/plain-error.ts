import { redact } from "../client/redact.js";

/**
 * Everything leaving the provider is a plain `Error` with the same name and a redacted message: the host and the
 * engine print it as users expect (the host prints `${error}: ${error.stack}`), whatever the provider threw, and
 * the redaction runs once more at the last point before a message reaches the user.
 */
export function toPlainError(error: unknown): Error {
  const source = error as { message?: unknown; name?: unknown } | null | undefined;
  const message = typeof source?.message === "string" ? source.message : String(error);
  const plain = new Error(redact(message));
  plain.name = typeof source?.name === "string" && source.name !== "" ? source.name : "Error";
  return plain;
}

/** Runs `operation`, rethrowing any failure as a plain Error. */
export async function withPlainErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toPlainError(error);
  }
}
