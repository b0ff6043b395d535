/**
 * Matches a path such as `/instances/100001/configuration` against a pattern. Segments written `{name}` match any
 * one segment and are captured; a last segment `*` matches whatever follows, including nothing. One matcher serves
 * both the router and the fault rules, so a fault written `/instances/{id}` hits exactly the requests that route does.
 *
 * @returns the captured segments, or `undefined` when the path does not match.
 */
export function matchPathPattern(pattern: string, path: string): Record<string, string> | undefined {
  const patternSegments = splitPath(pattern);
  const pathSegments = splitPath(path);
  const params: Record<string, string> = {};
  for (const [index, expected] of patternSegments.entries()) {
    if (expected === "*" && index === patternSegments.length - 1) {
      return params;
    }
    const actual = pathSegments[index];
    if (actual === undefined) {
      return undefined;
    }
    if (expected.startsWith("{") && expected.endsWith("}")) {
      const value = decodeSegment(actual);
      if (value === undefined) {
        return undefined;
      }
      params[expected.slice(1, -1)] = value;
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return patternSegments.length === pathSegments.length ? params : undefined;
}

/** A trailing slash does not make a different resource (`/instances/` is `/instances`). */
function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

/** A malformed escape (`%zz`) cannot name a resource, so it matches nothing rather than failing the request. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
