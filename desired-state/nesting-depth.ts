/**
 * Where a YAML text first nests collections deeper than `limit`, or `undefined`. The YAML library parses
 * recursively, so a file nested some thousands of levels deep would end in the JavaScript engine's "Maximum call
 * stack size exceeded"; this scan is iterative and runs first, so that such a file gets a message and a position.
 *
 * It counts flow collections (`[`, `{`) outside quotes and comments, plus block levels: each deeper indentation
 * and each `- ` that opens a sequence item on a line. That over-counts nothing a desired-state file writes (it
 * needs about six levels), and pathological files are caught long before the parser's limit.
 */
export function firstOffsetBeyondDepth(text: string, limit: number): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let lineStart = true;
  for (let offset = 0; offset < text.length; offset += 1) {
    const char = text[offset] as string;
    if (quote !== undefined) {
      if (char === "\\" && quote === '"') {
        offset += 1;
      } else if (char === quote) {
        quote = undefined;
      }
      continue;
    }
    if (lineStart && flow === 0) {
      lineStart = false;
      let column = 0;
      while (text[offset + column] === " ") {
        column += 1;
      }
      const rest = text.slice(offset + column, offset + column + 2);
      if (rest !== "" && rest[0] !== "\n" && rest[0] !== "#") {
        while (indents.length > 0 && (indents.at(-1) as number) >= column) {
          indents.pop();
        }
        indents.push(column);
        let dashes = 0;
        while (text.slice(offset + column + dashes * 2, offset + column + dashes * 2 + 2) === "- ") {
          dashes += 1;
        }
        if (indents.length + dashes > limit) {
          return offset + column;
        }
      }
      offset += column - 1;
      continue;
    }
    if (char === "\n") {
      lineStart = true;
    } else if (char === "#" && (offset === 0 || /\s/.test(text[offset - 1] as string))) {
      const end = text.indexOf("\n", offset);
      offset = (end === -1 ? text.length : end) - 1;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === "[" || char === "{") {
      flow += 1;
      if (flow + indents.length > limit) {
        return offset;
      }
    } else if ((char === "]" || char === "}") && flow > 0) {
      flow -= 1;
    }
  }
  return undefined;
}

/**
 * Where the quoted scalar that is never closed opens, for the YAML library's "Missing closing quote", which it
 * reports at the end of the file. `undefined` when every quote closes.
 */
export function unclosedQuoteOffset(text: string): number | undefined {
  let quote: '"' | "'" | undefined;
  let opened = 0;
  for (let offset = 0; offset < text.length; offset += 1) {
    const char = text[offset] as string;
    if (quote !== undefined) {
      if (char === "\\" && quote === '"') {
        offset += 1;
      } else if (char === quote) {
        if (quote === "'" && text[offset + 1] === "'") {
          offset += 1; // '' is an escaped quote inside single quotes.
        } else {
          quote = undefined;
        }
      }
      continue;
    }
    if (char === "#" && (offset === 0 || /\s/.test(text[offset - 1] as string))) {
      const end = text.indexOf("\n", offset);
      offset = (end === -1 ? text.length : end) - 1;
    } else if ((char === '"' || char === "'") && (offset === 0 || /[\s[{,:-]/.test(text[offset - 1] as string))) {
      quote = char;
      opened = offset;
    }
  }
  return quote === undefined ? undefined : opened;
}
