import { randomBytes, randomInt } from "node:crypto";

/** An instance token: 32 random bytes in base64, 44 characters like the platform's. */
export const newInstanceToken = (): string => randomBytes(32).toString("base64");

/** Box access and refresh tokens are 32 alphanumeric characters. */
export const newBoxToken = (): string =>
  randomBytes(24)
    .toString("base64")
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, 32);

/** Box user ids are numeric strings, such as `"263773421"` (docs/amplify-api.md §3.2). */
export const newBoxUserId = (): string => String(randomInt(100_000_000, 999_999_999));

/** The id of the Box webhook the platform would create for an instance with events on. */
export const newSubscriptionId = (): string => String(randomInt(10_000_000, 99_999_999));

/** A sandbox account secret: recognisable in a log, random per start. */
export const newAccountSecret = (kind: "user" | "organization"): string =>
  `sandbox-${kind}-${randomBytes(8).toString("hex")}`;
