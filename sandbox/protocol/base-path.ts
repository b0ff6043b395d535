/** Where the platform serves its API (docs/amplify-api.md §1): every host ends in `/elements/api-v2`. */
export const BASE_PATH = "/elements/api-v2";

/** The sandbox's own control routes live outside the API, so that they can never clash with a platform path. */
export const ADMIN_PATH = "/__sandbox";
