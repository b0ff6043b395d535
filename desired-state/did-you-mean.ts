/**
 * The known key closest to a mistyped one, if one is close enough to be what was meant: `callbackURL` →
 * `callbackUrl`, `enabeld` → `enabled`, `tag` → `tags`. Case is ignored; the allowance grows with the key's length
 * (2 edits, or a third of the longer key).
 */
export function didYouMean(typed: string, known: readonly string[]): string | undefined {
  const wanted = typed.toLowerCase();
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const distance = editDistance(wanted, key.toLowerCase());
    const allowance = Math.max(2, Math.floor(Math.max(typed.length, key.length) / 3));
    if (distance <= allowance && (best === undefined || distance < best.distance)) {
      best = { key, distance };
    }
  }
  return best?.key;
}

/** Levenshtein distance, with an adjacent swap counting as one edit (`enabeld`). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: columns }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      const row = d[i];
      if (row !== undefined) {
        row[j] = best;
      }
    }
  }
  return at(a.length, b.length);
}
