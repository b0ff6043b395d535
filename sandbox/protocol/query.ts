/** Query parameters as the request log records them: a key given twice (`tags[]`) becomes an array. */
export type QueryValues = Record<string, string | string[]>;

export function parseQuery(search: URLSearchParams): QueryValues {
  const query: QueryValues = {};
  for (const [key, value] of search) {
    const previous = query[key];
    if (previous === undefined) {
      query[key] = value;
    } else {
      query[key] = Array.isArray(previous) ? [...previous, value] : [previous, value];
    }
  }
  return query;
}

/** Every value of a key, whether it was given once or repeated. */
export function queryValues(query: QueryValues, key: string): string[] {
  const value = query[key];
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/** The single value of a key; when a client repeats it, the last one wins, as with most servers. */
export function queryValue(query: QueryValues, key: string): string | undefined {
  return queryValues(query, key).at(-1);
}
