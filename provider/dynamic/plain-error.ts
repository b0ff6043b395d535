import { redact } from "../client/redact.js";

/**
 * The provider is serialized by value, and the serializer flattens class hierarchies: in the provider host an
 * `AmplifyApiError` is no longer an `Error` (no stack, `String(error)` is "[object Object]"). Everything leaving
 * the provider is turned into a plain `Error` with the same name and the redacted message, which the host and the
 * engine print as users expect.
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
