/**
 * Strips HTML from an instance name as the platform does: churros creates `<a href="#" onClick=…>churros-xss</a>`
 * and reads back `churros-xss` (docs/amplify-api.md §3.1). Entities are left alone on purpose: decoding `&lt;b&gt;`
 * after stripping would put markup back in.
 */
export function sanitizeInstanceName(name: string): string {
  return name.replace(/<[^>]*>/g, "").trim();
}
