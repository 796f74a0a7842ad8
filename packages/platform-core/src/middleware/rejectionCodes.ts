/** The codes the built-in middlewares reject with. */
export const MIDDLEWARE_REJECTION_CODES = [
  "INVALID_COMMAND_PAYLOAD",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "RATE_LIMITED",
] as const;

export type MiddlewareRejectionCode = (typeof MIDDLEWARE_REJECTION_CODES)[number];
