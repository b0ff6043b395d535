/**
 * Paths as problems show them: dotted (`instances.prod-events.events.callbackUrl`), list items by index
 * (`tags[2]`), and keys that would read ambiguously when dotted, such as configuration keys (which contain dots)
 * or logical names with dots or odd characters, in brackets (`configuration["oauth.api.key"]`).
 */
export function childPath(parent: string, key: string): string {
  const plain = /^[A-Za-z0-9_-]+$/.test(key);
  if (!plain) {
    return `${parent}[${JSON.stringify(key)}]`;
  }
  return parent === "" ? key : `${parent}.${key}`;
}

/** `configuration["filter.response.nulls"]`: always bracketed, as the provider's own check names them. */
export function configurationKeyPath(parent: string, key: string): string {
  return `${parent}[${JSON.stringify(key)}]`;
}

export function itemPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}
