export type UpcastErrorCode =
  | "INVALID_CMS_STATE_VERSION"
  | "CMS_VERSION_FROM_FUTURE"
  | "CMS_UPCAST_FAILED"
  | "INVALID_EVENT_SCHEMA_VERSION"
  | "EVENT_VERSION_FROM_FUTURE"
  | "EVENT_UPCAST_FAILED";

/**
 * Thrown when a stored CMS snapshot or event cannot be brought to the current version: its
 * version is missing or newer than the definition's, or an upcaster failed.
 */
export class UpcastError extends Error {
  override readonly name = "UpcastError";
  readonly code: UpcastErrorCode;
  /** The CMS type or event type. */
  readonly typeName: string;
  /** The stored version, when it was a valid one. */
  readonly storedVersion: number | undefined;
  readonly currentVersion: number;

  constructor(
    code: UpcastErrorCode,
    details: { typeName: string; storedVersion?: number; currentVersion: number },
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.code = code;
    this.typeName = details.typeName;
    this.storedVersion = details.storedVersion;
    this.currentVersion = details.currentVersion;
  }
}

/** True for an `UpcastError`, optionally with a given code; checked by shape. */
export function isUpcastError(error: unknown, code?: UpcastErrorCode): error is UpcastError {
  if (!(error instanceof Error) || error.name !== "UpcastError") return false;
  const actual = (error as { code?: unknown }).code;
  return typeof actual === "string" && (code === undefined || actual === code);
}
