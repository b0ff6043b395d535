import { randomBytes } from "node:crypto";

/** The platform's request ids are 24 hex characters (docs/amplify-api.md §4: "53dbca9430045c016b46566c"). */
export const newRequestId = (): string => randomBytes(12).toString("hex");
