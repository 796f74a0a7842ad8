const REJECTION_CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/** True for a SCREAMING_SNAKE rejection code such as `ORDER_NOT_DRAFT`. */
export function isRejectionCode(code: string): boolean {
  return REJECTION_CODE.test(code);
}
