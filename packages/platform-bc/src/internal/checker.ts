import { BoundedContextDefinitionError } from "../errors/definitionError.js";
import type { DefinitionErrorCode, DefinitionProblem } from "../errors/definitionError.js";
import { describeValue, isPlainObject, quoteList } from "./describe.js";
import { describeStyle, matchesStyle, suggestName } from "./naming.js";
import type { NamingStyle } from "./naming.js";

export type ListPresence = "optional" | "required" | "non-empty";

interface NameRule {
  readonly style: NamingStyle;
  /** A valid value shown in messages, e.g. "orders". */
  readonly example: string;
}

/**
 * Collects every problem of one definition so that they are reported together. Field checks
 * return the value when it is valid and undefined otherwise.
 */
export class DefinitionChecker {
  readonly record: Record<string, unknown>;
  private readonly problems: DefinitionProblem[];
  /** Unknown fields, reported after the problems of the known ones. */
  private readonly unknownFields: DefinitionProblem[];
  private readonly prefix: string;

  private constructor(
    record: Record<string, unknown>,
    problems: DefinitionProblem[],
    unknownFields: DefinitionProblem[],
    prefix = "",
  ) {
    this.record = record;
    this.problems = problems;
    this.unknownFields = unknownFields;
    this.prefix = prefix;
  }

  /** Starts checking `input`; refuses at once what is not a plain object. */
  static of(label: string, input: unknown, allowedFields: readonly string[]): DefinitionChecker {
    if (!isPlainObject(input)) {
      throw new BoundedContextDefinitionError(label, [
        {
          code: "INVALID_DEFINITION",
          message: `the definition must be an object with the fields ${quoteList(allowedFields)} (got ${describeValue(input)})`,
        },
      ]);
    }
    const checker = new DefinitionChecker(input, [], []);
    checker.refuseUnknownFields(allowedFields);
    return checker;
  }

  /**
   * A checker for an object nested at `field`, reporting into the same list. `expected`
   * describes the object in messages; by default it lists the allowed fields.
   */
  nested(
    field: string,
    allowedFields: readonly string[],
    expected = `an object with the fields ${quoteList(allowedFields)}`,
  ): DefinitionChecker | undefined {
    const value = this.record[field];
    if (value === undefined) {
      this.add("MISSING_FIELD", `${this.path(field)} is required: ${expected}`);
      return undefined;
    }
    if (!isPlainObject(value)) {
      this.add(
        "INVALID_FIELD",
        `${this.path(field)} must be ${expected} (got ${describeValue(value)})`,
      );
      return undefined;
    }
    const child = new DefinitionChecker(
      value,
      this.problems,
      this.unknownFields,
      `${this.path(field)}.`,
    );
    child.refuseUnknownFields(allowedFields);
    return child;
  }

  path(field: string): string {
    return `${this.prefix}${field}`;
  }

  add(code: DefinitionErrorCode, message: string): void {
    this.problems.push({ code, message });
  }

  /** Problems found so far, unknown fields excluded. */
  get problemCount(): number {
    return this.problems.length;
  }

  throwIfAny(label: string): void {
    const [first, ...rest] = [...this.problems, ...this.unknownFields];
    if (first !== undefined) throw new BoundedContextDefinitionError(label, [first, ...rest]);
  }

  private refuseUnknownFields(allowed: readonly string[]): void {
    for (const key of Object.keys(this.record)) {
      if (!allowed.includes(key)) {
        this.unknownFields.push({
          code: "UNKNOWN_FIELD",
          message: `${this.path(key)} is not a known field (known fields: ${quoteList(allowed)})`,
        });
      }
    }
  }

  /** A required (or, with `optional`, an optional) identifier in the given naming style. */
  name(field: string, rule: NameRule, optional = false): string | undefined {
    const value = this.record[field];
    if (value === undefined) {
      if (!optional) {
        this.add(
          "MISSING_FIELD",
          `${this.path(field)} is required: ${describeStyle(rule.style)} such as ${JSON.stringify(rule.example)}`,
        );
      }
      return undefined;
    }
    return this.checkName(this.path(field), value, rule);
  }

  /** Checks one name found at `path` (a field or a list item). */
  checkName(path: string, value: unknown, rule: NameRule): string | undefined {
    if (typeof value === "string" && matchesStyle(value, rule.style)) return value;
    const suggestion = typeof value === "string" ? suggestName(value, rule.style) : undefined;
    const code: DefinitionErrorCode =
      rule.style === "SCREAMING_SNAKE_CASE" ? "INVALID_ERROR_CODE" : "INVALID_NAME";
    this.add(
      code,
      `${path} must be ${describeStyle(rule.style)} such as ${JSON.stringify(rule.example)} ` +
        `(got ${describeValue(value)}${suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : ""})`,
    );
    return undefined;
  }

  description(field: string, optional: boolean): string | undefined {
    const value = this.record[field];
    if (value === undefined) {
      if (!optional) {
        this.add(
          "MISSING_FIELD",
          `${this.path(field)} is required: a non-empty sentence saying what it is for`,
        );
      }
      return undefined;
    }
    if (typeof value === "string" && value.trim().length > 0) return value;
    this.add(
      "INVALID_DESCRIPTION",
      `${this.path(field)} must be a non-empty string (got ${describeValue(value)})`,
    );
    return undefined;
  }

  positiveInteger(field: string): number | undefined {
    const value = this.record[field];
    if (value === undefined) {
      this.add("MISSING_FIELD", `${this.path(field)} is required: a positive integer such as 1`);
      return undefined;
    }
    if (typeof value === "number" && Number.isInteger(value) && value > 0) return value;
    this.add(
      "INVALID_VERSION",
      `${this.path(field)} must be a positive integer such as 1 (got ${describeValue(value)})`,
    );
    return undefined;
  }

  boolean(field: string): boolean | undefined {
    const value = this.record[field];
    if (value === undefined || typeof value === "boolean") return value;
    this.add(
      "INVALID_FIELD",
      `${this.path(field)} must be true or false when given (got ${describeValue(value)})`,
    );
    return undefined;
  }

  /**
   * A list of names in one style, without duplicates. "optional" lists default to empty,
   * "required" ones must be present (and may be empty), "non-empty" ones need an entry.
   */
  nameList(field: string, rule: NameRule, presence: ListPresence): string[] | undefined {
    const value = this.record[field];
    const path = this.path(field);
    const expected = `an array of ${describeStyle(rule.style, true)} such as [${JSON.stringify(rule.example)}]`;
    if (value === undefined) {
      if (presence === "optional") return [];
      this.add("MISSING_FIELD", `${path} is required: ${expected}`);
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.add("INVALID_LIST", `${path} must be ${expected} (got ${describeValue(value)})`);
      return undefined;
    }
    if (presence === "non-empty" && value.length === 0) {
      this.add(
        "EMPTY_LIST",
        `${path} is empty: expected at least one entry, such as ${JSON.stringify(rule.example)}`,
      );
      return undefined;
    }
    const before = this.problems.length;
    const seen = new Set<string>();
    const reported = new Set<string>();
    value.forEach((item: unknown, index) => {
      const name = this.checkName(`${path}[${index}]`, item, rule);
      if (name === undefined) return;
      if (seen.has(name) && !reported.has(name)) {
        reported.add(name);
        this.add("DUPLICATE_ENTRY", `${path} lists ${JSON.stringify(name)} more than once`);
      }
      seen.add(name);
    });
    return this.problems.length === before ? [...(value as string[])] : undefined;
  }

  /** One of a fixed set of string values. */
  oneOf<T extends string>(
    field: string,
    options: readonly T[],
    codes: { missing: DefinitionErrorCode; invalid: DefinitionErrorCode },
    optional = false,
  ): T | undefined {
    const value = this.record[field];
    if (value === undefined) {
      if (!optional) {
        this.add(codes.missing, `${this.path(field)} is required: one of ${quoteList(options)}`);
      }
      return undefined;
    }
    if (typeof value === "string" && (options as readonly string[]).includes(value)) {
      return value as T;
    }
    this.add(
      codes.invalid,
      `${this.path(field)} must be one of ${quoteList(options)} (got ${describeValue(value)})`,
    );
    return undefined;
  }
}
