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
  let lineStart = true;
  for (let offset = 0; offset < text.length; offset += 1) {
    const char = text[offset] as string;
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
    const skipped = skipQuotedOrComment(text, offset);
    if (skipped !== offset) {
      if (skipped === undefined) {
        return undefined; // An unclosed quote: the parser reports it.
      }
      offset = skipped - 1;
    } else if (char === "\n") {
      lineStart = true;
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
  for (let offset = 0; offset < text.length; offset += 1) {
    const skipped = skipQuotedOrComment(text, offset);
    if (skipped === undefined) {
      return offset;
    }
    offset = Math.max(offset, skipped - 1);
  }
  return undefined;
}

/**
 * At a comment or a quoted scalar, the offset just after it (`undefined` for a quote that never closes); anywhere
 * else, `offset` itself. A quote opens a scalar only where a token starts (`it's` is plain text); inside single
 * quotes `''` is an escaped quote, inside double quotes a backslash escapes the next character.
 */
function skipQuotedOrComment(text: string, offset: number): number | undefined {
  const char = text[offset];
  const before = offset === 0 ? " " : (text[offset - 1] as string);
  if (char === "#" && /\s/.test(before)) {
    const end = text.indexOf("\n", offset);
    return end === -1 ? text.length : end;
  }
  if ((char !== '"' && char !== "'") || !/[\s[{,:-]/.test(before)) {
    return offset;
  }
  for (let at = offset + 1; at < text.length; at += 1) {
    if (char === '"' && text[at] === "\\") {
      at += 1;
    } else if (text[at] === char) {
      if (char === "'" && text[at + 1] === "'") {
        at += 1;
      } else {
        return at + 1;
      }
    }
  }
  return undefined;
}
