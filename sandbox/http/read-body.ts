import type { IncomingMessage } from "node:http";

/** Bodies beyond this are refused with 413; an instance body is a few hundred bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface ReadBody {
  readonly bytes: Buffer;
  readonly tooLarge: boolean;
}

/**
 * Reads the whole request body, keeping at most `MAX_BODY_BYTES` but draining the rest so that the connection stays
 * usable for the 413. Rejects when the client hangs up mid-body.
 */
export async function readBody(request: IncomingMessage): Promise<ReadBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_BODY_BYTES) {
      chunks.push(buffer);
    }
  }
  return { bytes: Buffer.concat(chunks), tooLarge: size > MAX_BODY_BYTES };
}
