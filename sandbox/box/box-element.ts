import type { ConfigurationValues } from "../store/sandbox-instance.js";

/** The element object every Box instance carries (docs/amplify-api.md §3.2). */
export const BOX_ELEMENT = {
  id: 22,
  name: "Box",
  key: "box",
  hub: "documents",
  authentication: { type: "oauth2" },
} as const;

/** How the console would show a key; only `BOOLEAN` changes what the sandbox accepts. */
export type ConfigurationType = "TEXTFIELD_1000" | "PASSWORD" | "BOOLEAN" | "TEXTAREA";

/** One configuration key the Box element defines, with what `GET /instances/{id}/configuration` reports about it. */
export interface ConfigurationDefinition {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly type: ConfigurationType;
  readonly defaultValue: string | null;
  /** A create without it is a 400 naming it. */
  readonly required: boolean;
  /** Set by the platform (OAuth tokens, the webhook subscription), never by the create body. */
  readonly generated: boolean;
}

/** The Box webhook triggers the platform subscribes to; returned as the string `event.metadata` (§3.2). */
export const BOX_EVENT_METADATA = JSON.stringify({
  webhook: {
    file: { eventTypes: ["created", "updated", "deleted"] },
    folder: { eventTypes: ["created", "updated", "deleted"] },
  },
});

const define = (
  key: string,
  name: string,
  type: ConfigurationType,
  options: { defaultValue?: string; required?: boolean; generated?: boolean; description?: string } = {},
): ConfigurationDefinition => ({
  key,
  name,
  description: options.description ?? name,
  type,
  defaultValue: options.defaultValue ?? null,
  required: options.required ?? false,
  generated: options.generated ?? false,
});

/** Every key a fresh Box instance shows, in the order of the 2017 example in docs/amplify-api.md §3.2. */
export const BOX_CONFIGURATION: readonly ConfigurationDefinition[] = [
  define("oauth.api.key", "Client ID", "TEXTFIELD_1000", { required: true }),
  define("oauth.api.secret", "Client Secret", "PASSWORD", { required: true }),
  define("oauth.callback.url", "Callback URL", "TEXTFIELD_1000", { required: true }),
  define("oauth.user.token", "OAuth access token", "PASSWORD", { generated: true }),
  define("oauth.user.refresh_token", "OAuth refresh token", "PASSWORD", { generated: true }),
  define("oauth.user.id", "Box user id", "TEXTFIELD_1000", { generated: true }),
  define("filter.response.nulls", "Filter null values from the response", "BOOLEAN", { defaultValue: "true" }),
  define("event.notification.enabled", "Events Enabled", "BOOLEAN", { defaultValue: "false" }),
  define("event.notification.callback.url", "Event Notification Callback URL", "TEXTFIELD_1000"),
  define("event.notification.signature.key", "Callback Notification Signature Key", "PASSWORD"),
  define("event.notification.subscription.id", "Event subscription id", "TEXTFIELD_1000", { generated: true }),
  define("event.metadata", "Event metadata", "TEXTAREA", { defaultValue: BOX_EVENT_METADATA }),
];

export const BOX_REQUIRED_KEYS: readonly string[] = BOX_CONFIGURATION.filter((entry) => entry.required).map(
  (entry) => entry.key,
);

/** Keys set by the platform; a full replacement (PUT) keeps them unless it re-authenticates. */
export const BOX_GENERATED_KEYS: readonly string[] = BOX_CONFIGURATION.filter((entry) => entry.generated).map(
  (entry) => entry.key,
);

export const definitionOf = (key: string): ConfigurationDefinition | undefined =>
  BOX_CONFIGURATION.find((entry) => entry.key === key);

/** A fresh configuration: every known key, at its default or `null`. */
export function boxDefaultConfiguration(): ConfigurationValues {
  return Object.fromEntries(BOX_CONFIGURATION.map((entry) => [entry.key, entry.defaultValue]));
}
