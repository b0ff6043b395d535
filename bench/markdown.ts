/** Formatting of the figures as Markdown. */

export const ms = (value: number) =>
  Number.isNaN(value) ? "—" : Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(1);
export const rounds = (count: number) => `${count} round${count === 1 ? "" : "s"}`;
export const seconds = (value: number) => (value / 1000).toFixed(2);
export const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : "—");
export const mark = (met: boolean) => (met ? "met" : "**missed**");

export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  for (const row of rows) {
    lines.push(`| ${row.join(" | ")} |`);
  }
  return lines.join("\n");
}
