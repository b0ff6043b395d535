import { badRequest } from "../protocol/api-error.js";

/**
 * List pages are cut by id: the token carries the last id of the page served, so a page never shifts when an
 * instance before it is deleted, and a new instance shows up at the end. The token is opaque to clients; its format
 * (base64url of `after:<id>`) is the sandbox's own.
 */
export const encodePageToken = (lastId: number): string => Buffer.from(`after:${lastId}`).toString("base64url");

export function decodePageToken(token: string): number {
  const match = /^after:(\d{1,16})$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (match?.[1] === undefined) {
    throw badRequest(`Invalid nextPage token ${JSON.stringify(token)}: pass back an elements-next-page-token value`);
  }
  return Number(match[1]);
}
