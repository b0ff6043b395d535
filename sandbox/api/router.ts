import { matchPathPattern } from "../protocol/path-pattern.js";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const isHttpMethod = (method: string): method is HttpMethod =>
  (HTTP_METHODS as readonly string[]).includes(method);

/** What a lookup found: a handler, a known path asked with the wrong method (405), or nothing (404). */
export type RouteLookup<H> =
  | {
      readonly kind: "found";
      readonly method: HttpMethod;
      readonly pattern: string;
      readonly handler: H;
      readonly params: Record<string, string>;
    }
  | { readonly kind: "method-not-allowed"; readonly pattern: string; readonly allowed: readonly HttpMethod[] }
  | { readonly kind: "not-found" };

interface Route<H> {
  readonly pattern: string;
  readonly handlers: Map<HttpMethod, H>;
}

/** A table of path patterns and their per-method handlers; the first pattern that matches the path wins. */
export class Router<H> {
  readonly #routes: Route<H>[] = [];

  on(method: HttpMethod, pattern: string, handler: H): this {
    let route = this.#routes.find((candidate) => candidate.pattern === pattern);
    if (route === undefined) {
      route = { pattern, handlers: new Map() };
      this.#routes.push(route);
    }
    route.handlers.set(method, handler);
    return this;
  }

  lookup(method: string, path: string): RouteLookup<H> {
    for (const route of this.#routes) {
      const params = matchPathPattern(route.pattern, path);
      if (params === undefined) {
        continue;
      }
      const handler = isHttpMethod(method) ? route.handlers.get(method) : undefined;
      if (handler === undefined || !isHttpMethod(method)) {
        return { kind: "method-not-allowed", pattern: route.pattern, allowed: [...route.handlers.keys()] };
      }
      return { kind: "found", method, pattern: route.pattern, handler, params };
    }
    return { kind: "not-found" };
  }
}
