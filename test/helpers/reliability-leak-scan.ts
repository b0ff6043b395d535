import { inspect } from "node:util";

/** Named secret values to look for, e.g. `{ userSecret: "usr-…" }`. */
export type Secrets = Readonly<Record<string, string>>;

/** Named texts to look in, e.g. `{ "debug log": "…", "error of create": "…" }`. */
export type Exhibits = Record<string, string>;

/**
 * Length of the slices of a secret that count as a leak on their own: a truncated answer or a cut-off log line can
 * show half a token. Short enough to catch that, long enough that no innocent text matches by chance.
 */
const SLICE = 16;

/**
 * Every (secret, exhibit) pair where the exhibit shows the secret or a 16-character slice of it. Slices two secrets
 * share (`boxsecret-leak-s…` of two seeds) are left out, so that a finding names the secret that really leaked.
 */
export function findLeaks(secrets: Secrets, exhibits: Exhibits): string[] {
  const owners = new Map<string, Set<string>>();
  for (const value of Object.values(secrets)) {
    for (const slice of slicesOf(value)) {
      owners.set(slice, (owners.get(slice) ?? new Set()).add(value));
    }
  }
  const leaks: string[] = [];
  for (const [secretName, value] of Object.entries(secrets)) {
    const own = slicesOf(value).filter((slice) => owners.get(slice)?.size === 1);
    const slices = own.length > 0 ? own : [value];
    for (const [exhibitName, text] of Object.entries(exhibits)) {
      const hit = slices.find((slice) => text.includes(slice));
      if (hit !== undefined) {
        leaks.push(`${secretName} in ${exhibitName} (…${hit}…)`);
      }
    }
  }
  return leaks;
}

function slicesOf(value: string): string[] {
  if (value.length <= SLICE) {
    return [value];
  }
  const slices: string[] = [];
  for (let start = 0; start + SLICE <= value.length; start += 1) {
    slices.push(value.slice(start, start + SLICE));
  }
  return slices;
}

/**
 * Every way an error reaches a person: its message, its stack, `String()`, `JSON.stringify`, and what
 * `console.log`/`util.inspect` prints with hidden properties and the whole `cause` chain.
 */
export function errorExhibits(label: string, error: unknown): Exhibits {
  const record = (error ?? {}) as { message?: unknown; stack?: unknown; cause?: unknown };
  return {
    [`${label}: message`]: String(record.message ?? ""),
    [`${label}: stack`]: String(record.stack ?? ""),
    [`${label}: String()`]: String(error),
    [`${label}: JSON`]: safeJson(error),
    // The usual way to log an error as JSON: every own property, enumerable or not.
    [`${label}: JSON of own properties`]: safeJson(
      error,
      error instanceof Object ? Object.getOwnPropertyNames(error) : [],
    ),
    [`${label}: cause`]: inspect(record.cause, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
    [`${label}: inspect`]: inspect(error, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
  };
}

/** Outputs as they land in state, without `token`: the one output allowed to hold the instance token. */
export function outputsWithoutToken(label: string, outputs: unknown): Exhibits {
  const { token: _token, ...rest } = (outputs ?? {}) as Record<string, unknown>;
  return { [`${label}: outputs other than token`]: safeJson(rest) };
}

function safeJson(value: unknown, keys?: string[]): string {
  try {
    return JSON.stringify(value, keys) ?? "";
  } catch (error) {
    return `unserializable: ${String(error)}`;
  }
}
