/** The platform prints dates in whole seconds: `2017-06-06T21:29:33Z` (docs/amplify-api.md §3.2). */
export const isoSeconds = (at: Date): string => `${at.toISOString().slice(0, 19)}Z`;

/**
 * The `updatedDate` for a write made now. With whole-second dates two writes in the same second would look like
 * none; the sandbox moves the date at least one second past the previous one so that every write is visible, at the
 * price of running up to a few seconds ahead of the clock under a burst of writes.
 */
export function nextUpdatedDate(previous: string, now: Date = new Date()): string {
  const previousMs = Date.parse(previous);
  const candidate = Number.isNaN(previousMs) ? now.getTime() : Math.max(now.getTime(), previousMs + 1000);
  return isoSeconds(new Date(candidate));
}
