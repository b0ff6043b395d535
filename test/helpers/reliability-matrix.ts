/** Outcomes by row and column, rendered as a Markdown table in the order the rows and columns were declared. */
export class OutcomeMatrix {
  readonly #cells = new Map<string, string>();

  constructor(
    private readonly rows: readonly string[],
    private readonly columns: readonly string[],
    private readonly corner = "fault",
  ) {}

  record(row: string, column: string, outcome: string): void {
    this.#cells.set(`${row}\u0000${column}`, outcome);
  }

  get size(): number {
    return this.#cells.size;
  }

  toMarkdown(): string {
    const cellText = (text: string) => text.replaceAll("|", "\\|");
    const lines = [
      `| ${[this.corner, ...this.columns].map(cellText).join(" | ")} |`,
      `|${[this.corner, ...this.columns].map(() => "---").join("|")}|`,
    ];
    for (const row of this.rows) {
      const cells = this.columns.map((column) => this.#cells.get(`${row}\u0000${column}`) ?? "not run");
      lines.push(`| ${[row, ...cells].map(cellText).join(" | ")} |`);
    }
    return lines.join("\n");
  }
}
