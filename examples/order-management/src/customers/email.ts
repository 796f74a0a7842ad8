// The customer's contact data as the customers context accepts it. Pure: the decider and the
// command's payload schema share these rules, and the app normalises before reserving.

/** The longest address SMTP delivers (RFC 5321). */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_NAME_LENGTH = 100;

/** One `@`, something before it, a dotted domain after it, no spaces. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/**
 * The form an email is compared and stored in: surrounding spaces dropped, lower case. Mailbox
 * providers treat addresses case-insensitively, so `Ada@Example.com` and `ada@example.com` are
 * one customer's address and must hold one reservation.
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** What is wrong with a normalised email, or null when it is acceptable. */
export function emailProblem(email: string): string | null {
  if (email.length === 0) return "The email is empty; expected an address such as ada@example.com";
  if (email.length > MAX_EMAIL_LENGTH) {
    return `The email has ${email.length} characters; expected at most ${MAX_EMAIL_LENGTH}`;
  }
  if (!EMAIL_PATTERN.test(email)) {
    return `${JSON.stringify(email)} is not an email address; expected one such as ada@example.com`;
  }
  return null;
}

/** What is wrong with a customer's name (as given, after trimming), or null. */
export function nameProblem(name: string): string | null {
  if (name.length === 0) return "The name is empty; expected the name to address the customer by";
  if (name.length > MAX_NAME_LENGTH) {
    return `The name has ${name.length} characters; expected at most ${MAX_NAME_LENGTH}`;
  }
  return null;
}
