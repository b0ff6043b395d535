import { BOX_ELEMENT, definitionOf } from "../box/box-element.js";
import { ApiError, badRequest } from "../protocol/api-error.js";
import type { ConfigurationValues, ExternalAuthentication } from "../store/sandbox-instance.js";
import { sanitizeInstanceName } from "../store/sanitize-name.js";
import { isMaskedPlaceholder, type Masking } from "../store/secrets.js";
import { requireObjectBody } from "./json-body.js";

/** The configuration part of a request body, normalized to the platform's string values. */
export interface ConfigurationInput {
  /** Keys to set; `null` unsets. */
  readonly values: ConfigurationValues;
  /** Masked keys sent back as `"********"`: the client means "unchanged" (see `isMaskedPlaceholder`). */
  readonly unchanged: ReadonlySet<string>;
}

/** A create, PUT or PATCH body, checked field by field; a field absent from the body is absent here. */
export interface InstanceInput {
  readonly name?: string;
  readonly tags?: readonly string[];
  readonly configuration?: ConfigurationInput;
  /** `providerData.code`: a grant code to exchange with Box. */
  readonly grantCode?: string;
  readonly externalAuthentication?: ExternalAuthentication;
  /** The element the body names, if it names one; always Box once parsed (anything else is refused). */
  readonly elementKey?: string;
}

/**
 * Parses what all instance writes share; which fields are required is up to each route. `masking` tells which keys
 * sent back as `"********"` mean "unchanged".
 */
export function readInstanceInput(body: unknown, masking: Masking): InstanceInput {
  const fields = requireObjectBody(body);
  return {
    ...optional("name", readName(fields.name)),
    ...optional("tags", readTags(fields.tags)),
    ...optional("configuration", readConfiguration(fields.configuration, masking)),
    ...optional("grantCode", readGrantCode(fields.providerData)),
    ...optional("externalAuthentication", readExternalAuthentication(fields.externalAuthentication)),
    ...optional("elementKey", readElement(fields.element)),
  };
}

/** Spreads `{key: value}` only when there is a value, as `exactOptionalPropertyTypes` wants. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function readName(name: unknown): string | undefined {
  if (name === undefined) {
    return undefined;
  }
  const sanitized = typeof name === "string" ? sanitizeInstanceName(name) : "";
  if (sanitized === "") {
    throw badRequest("name must be a non-empty string (HTML is stripped from it)");
  }
  return sanitized;
}

/** Tags are sanitized like names (churros checks both) and de-duplicated, keeping the first occurrence. */
function readTags(tags: unknown): string[] | undefined {
  if (tags === undefined) {
    return undefined;
  }
  if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== "string")) {
    throw badRequest("tags must be an array of strings");
  }
  const cleaned = (tags as string[]).map(sanitizeInstanceName);
  if (cleaned.includes("")) {
    throw badRequest("tags must not contain an empty tag");
  }
  return [...new Set(cleaned)];
}

function readConfiguration(configuration: unknown, masking: Masking): ConfigurationInput | undefined {
  if (configuration === undefined) {
    return undefined;
  }
  if (typeof configuration !== "object" || configuration === null || Array.isArray(configuration)) {
    throw badRequest("configuration must be an object of key/value pairs");
  }
  const values: ConfigurationValues = {};
  const unchanged = new Set<string>();
  for (const [key, value] of Object.entries(configuration)) {
    if (isMaskedPlaceholder(key, value, masking)) {
      unchanged.add(key);
    } else {
      values[key] = configurationValue(key, value);
    }
  }
  return { values, unchanged };
}

/**
 * The platform stores configuration as strings (docs/amplify-api.md §3.2), so `true` and `5` become `"true"` and `"5"`.
 * Objects and arrays are refused rather than stringified: they are almost always a client bug (an unresolved
 * value sent as-is). Boolean keys accept only true/false, in any case or type.
 */
function configurationValue(key: string, value: unknown): string | null {
  if (value === null) {
    return null;
  }
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
    throw badRequest(`configuration["${key}"] must be a string, a number, a boolean or null`);
  }
  const text = String(value);
  if (definitionOf(key)?.type === "BOOLEAN") {
    const normalized = text.trim().toLowerCase();
    if (normalized !== "true" && normalized !== "false") {
      throw badRequest(`configuration["${key}"] must be true or false, not ${JSON.stringify(value)}`);
    }
    return normalized;
  }
  return text;
}

function readGrantCode(providerData: unknown): string | undefined {
  if (providerData === undefined || providerData === null) {
    return undefined;
  }
  const code = typeof providerData === "object" ? (providerData as Record<string, unknown>).code : undefined;
  if (typeof code !== "string" || code.trim() === "") {
    throw badRequest("providerData.code must be a non-empty string: the OAuth authorization grant code");
  }
  return code;
}

function readExternalAuthentication(value: unknown): ExternalAuthentication | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (value !== "none" && value !== "initial") {
    throw badRequest(`externalAuthentication must be "none" or "initial", not ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * The element may be named by key (the create body, §3.1) or by id (churros' PATCH). The sandbox knows Box only;
 * another element is a 404, the platform's answer for an element key it does not have.
 */
function readElement(element: unknown): string | undefined {
  if (element === undefined) {
    return undefined;
  }
  if (typeof element !== "object" || element === null) {
    throw badRequest('element must be an object such as {"key": "box"}');
  }
  const { key, id } = element as Record<string, unknown>;
  if (key !== undefined) {
    if (typeof key !== "string" || key === "") {
      throw badRequest("element.key must be a non-empty string");
    }
    if (key !== BOX_ELEMENT.key) {
      throw new ApiError(404, `No element found with key '${key}' (the sandbox knows only 'box')`);
    }
    return key;
  }
  if (id !== undefined) {
    if (id !== BOX_ELEMENT.id) {
      throw new ApiError(404, `No element found with id ${JSON.stringify(id)} (the sandbox knows only box, id 22)`);
    }
    return BOX_ELEMENT.key;
  }
  throw badRequest('element must name the element by key, such as {"key": "box"}');
}
