/** Lengths the API takes and the client bounds its fields by; no schema, so pages import them without zod. */

/** LinkedIn's own limit on a message. */
export const MAX_MESSAGE_LENGTH = 8_000;

/** The longest search the API takes. */
export const MAX_SEARCH_LENGTH = 200;
