// Naming conventions shared by every definition. Names become Convex component names, function
// paths and table names, so they are plain ASCII identifiers.

export const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;
export const PASCAL_CASE = /^[A-Z][a-zA-Z0-9]*$/;
export const SCREAMING_SNAKE_CASE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
/** Convex table and field names: a letter, then letters, digits or underscores. */
export const CONVEX_IDENTIFIER = /^[a-zA-Z][a-zA-Z0-9_]*$/;

export type NamingStyle = "camelCase" | "PascalCase" | "SCREAMING_SNAKE_CASE" | "convexIdentifier";

const PATTERNS: Record<NamingStyle, RegExp> = {
  camelCase: CAMEL_CASE,
  PascalCase: PASCAL_CASE,
  SCREAMING_SNAKE_CASE: SCREAMING_SNAKE_CASE,
  convexIdentifier: CONVEX_IDENTIFIER,
};

const DESCRIPTIONS: Record<NamingStyle, readonly [one: string, many: string]> = {
  camelCase: ["a camelCase identifier", "camelCase identifiers"],
  PascalCase: ["a PascalCase identifier", "PascalCase identifiers"],
  SCREAMING_SNAKE_CASE: ["a SCREAMING_SNAKE_CASE code", "SCREAMING_SNAKE_CASE codes"],
  convexIdentifier: [
    "a Convex identifier (a letter, then letters, digits or underscores)",
    "Convex identifiers (a letter, then letters, digits or underscores)",
  ],
};

export function matchesStyle(value: string, style: NamingStyle): boolean {
  return PATTERNS[style].test(value);
}

/** "a camelCase identifier", or "camelCase identifiers" with `plural`. */
export function describeStyle(style: NamingStyle, plural = false): string {
  return DESCRIPTIONS[style][plural ? 1 : 0];
}

/** Splits "orderNotFound", "order-not found", "ORDER_NOT_FOUND" into lower-case words. */
function words(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^a-zA-Z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** The value rewritten in `style`, or undefined when no sensible rewrite exists. */
export function suggestName(value: string, style: NamingStyle): string | undefined {
  const parts = words(value);
  if (parts.length === 0 || !/^[a-z]/.test(parts[0] ?? "")) return undefined;
  let suggestion: string;
  switch (style) {
    case "camelCase":
      suggestion = parts.map((word, i) => (i === 0 ? word : capitalize(word))).join("");
      break;
    case "PascalCase":
      suggestion = parts.map(capitalize).join("");
      break;
    case "SCREAMING_SNAKE_CASE":
      suggestion = parts.join("_").toUpperCase();
      break;
    case "convexIdentifier":
      suggestion = parts.map((word, i) => (i === 0 ? word : capitalize(word))).join("");
      break;
    default: {
      const unhandled: never = style;
      return unhandled;
    }
  }
  return suggestion !== value && matchesStyle(suggestion, style) ? suggestion : undefined;
}
