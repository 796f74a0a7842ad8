export type ProjectionAccessErrorCode =
  "SUBSCRIPTIONS_NOT_SUPPORTED" | "PROJECTION_NOT_CLIENT_EXPOSED" | "ADMIN_ROLE_REQUIRED";

/**
 * Thrown when a projection is used in a way its category forbids: a reactive subscription to
 * anything but a view projection, or a client read of an internal or admin-only projection.
 */
export class ProjectionAccessError extends Error {
  override readonly name = "ProjectionAccessError";
  readonly code: ProjectionAccessErrorCode;
  readonly projectionName: string;
  readonly category: string;

  constructor(
    code: ProjectionAccessErrorCode,
    projectionName: string,
    category: string,
    message: string,
  ) {
    super(message);
    this.code = code;
    this.projectionName = projectionName;
    this.category = category;
  }
}

/** True for a `ProjectionAccessError`, optionally with a given code; checked by shape. */
export function isProjectionAccessError(
  error: unknown,
  code?: ProjectionAccessErrorCode,
): error is ProjectionAccessError {
  if (!(error instanceof Error) || error.name !== "ProjectionAccessError") return false;
  const actual = (error as { code?: unknown }).code;
  return typeof actual === "string" && (code === undefined || actual === code);
}
