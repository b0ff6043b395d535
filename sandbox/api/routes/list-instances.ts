import { badRequest } from "../../protocol/api-error.js";
import { ok } from "../../protocol/api-response.js";
import { type QueryValues, queryValue, queryValues } from "../../protocol/query.js";
import type { SandboxInstance } from "../../store/sandbox-instance.js";
import type { ApiHandler } from "../api-call.js";
import { viewInstance } from "../instance-answer.js";
import { decodePageToken, encodePageToken } from "../page-token.js";

export const DEFAULT_PAGE_SIZE = 200;
export const MAX_PAGE_SIZE = 500;
/** The response header that carries the token of the next page; absent on the last page. */
export const NEXT_PAGE_HEADER = "elements-next-page-token";

/**
 * `GET /instances` (docs/amplify-api.md §3): `tags[]` (repeatable: an instance must have every tag given), `searchText`
 * (case-insensitive part of the name), `pageSize`, and `nextPage` with the token of the previous answer's
 * `elements-next-page-token` header. Filters apply again on every page, so a client sends them each time.
 * `hydrate=false` leaves `configuration` out of each item (UNVERIFIED: a sandbox choice that makes a client read an
 * instance by id before trusting its configuration).
 */
export const listInstances: ApiHandler = (call, state) => {
  const pageSize = readPageSize(call.query);
  const nextPage = queryValue(call.query, "nextPage");
  const afterId = nextPage === undefined || nextPage === "" ? 0 : decodePageToken(nextPage);
  const matches = state.store
    .list()
    .filter(matchesFilters(call.query))
    .filter((instance) => instance.id > afterId);
  const page = matches.slice(0, pageSize);
  const includeConfiguration = queryValue(call.query, "hydrate")?.toLowerCase() !== "false";
  const body = page.map((instance) => viewInstance(state, instance, includeConfiguration));
  const last = page.at(-1);
  return matches.length > page.length && last !== undefined
    ? ok(body, { [NEXT_PAGE_HEADER]: encodePageToken(last.id) })
    : ok(body);
};

function matchesFilters(query: QueryValues): (instance: SandboxInstance) => boolean {
  const tags = queryValues(query, "tags[]");
  const searchText = queryValue(query, "searchText")?.toLowerCase() ?? "";
  return (instance) =>
    tags.every((tag) => instance.tags.includes(tag)) && instance.name.toLowerCase().includes(searchText);
}

function readPageSize(query: QueryValues): number {
  const raw = queryValue(query, "pageSize");
  if (raw === undefined) {
    return DEFAULT_PAGE_SIZE;
  }
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badRequest(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}, not ${JSON.stringify(raw)}`);
  }
  return size;
}
