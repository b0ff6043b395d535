import type { InstanceStore } from "../store/instance-store.js";
import type { SandboxInstance } from "../store/sandbox-instance.js";
import { OTHER_ELEMENTS } from "./element-catalogue.js";
import { storeNewInstance } from "./instance-writes.js";

/** The platform user of the other team whose connectors share the organization. */
export const OTHER_TEAM_USER_ID = 7654321;

/**
 * Puts in place an instance of another element (Dropbox, Salesforce, ...), as another team would have made it in
 * the console: what a real organization's listing holds besides Box. The body is
 * `{"element": "dropbox", "name": "...", "tags": [...], "configuration": {...}}`; configuration values are kept as
 * strings, as the platform keeps them.
 * @throws TypeError naming the field when the body is not of that shape.
 */
export function addOtherTeamInstance(store: InstanceStore, body: unknown): SandboxInstance {
  const fields = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const element = fields.element;
  if (typeof element !== "string" || OTHER_ELEMENTS[element] === undefined) {
    throw new TypeError(
      `element must be one of ${Object.keys(OTHER_ELEMENTS).join(", ")}; Box instances are made with POST /instances`,
    );
  }
  if (typeof fields.name !== "string" || fields.name.trim() === "") {
    throw new TypeError("name must be a non-empty string");
  }
  const tags = fields.tags ?? [];
  if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== "string")) {
    throw new TypeError("tags must be an array of strings");
  }
  const configuration = fields.configuration ?? {};
  if (typeof configuration !== "object" || configuration === null || Array.isArray(configuration)) {
    throw new TypeError("configuration must be an object of key: value");
  }
  const values = Object.fromEntries(
    Object.entries(configuration).map(([key, value]) => [key, value === null ? null : String(value)]),
  );
  return storeNewInstance(store, {
    name: fields.name,
    elementKey: element,
    configuration: values,
    clientKeys: Object.keys(values),
    tags: [...new Set(tags as string[])],
    externalAuthentication: "none",
    userId: OTHER_TEAM_USER_ID,
  });
}
