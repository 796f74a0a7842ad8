import { CoreError } from "../errors/coreError.js";
import { describeValue, isPlainObject } from "../internal/describe.js";

/** Who consumes an event. */
export type EventConsumers = "same-context" | "other-contexts";

/** The questions that decide between a fat and a thin event. */
export interface EventStyleInput {
  /** Projections of the producing context only, or other bounded contexts too. */
  readonly consumers: EventConsumers;
  /** Consumers need data the event's own fields do not hold (a customer's name, a price). */
  readonly needsRelatedData: boolean;
  /** They need that data as it was when the event happened (receipts, audit), not as it is now. */
  readonly needsDataAsOfEvent?: boolean;
}

export type EventStyle = "fat" | "thin";

export interface EventStyleChoice {
  readonly style: EventStyle;
  readonly rationale: string;
}

/**
 * Fat or thin, from the table in the README ("Fat events"): other contexts that need related
 * data get a fat event, so they never query the source back; same-context projections stay
 * thin, since they read their own context's data cheaply, unless they need it as of the event,
 * which cannot be read back later. `INVALID_EVENT_STYLE_INPUT` for anything else.
 *
 * @example
 * chooseEventStyle({ consumers: "other-contexts", needsRelatedData: true }).style; // "fat"
 */
export function chooseEventStyle(input: EventStyleInput): EventStyleChoice {
  const problems: string[] = [];
  if (!isPlainObject(input))
    problems.push(`the input must be an object (got ${describeValue(input)})`);
  else {
    if (input.consumers !== "same-context" && input.consumers !== "other-contexts") {
      problems.push(
        `consumers must be "same-context" or "other-contexts" (got ${describeValue(input.consumers)})`,
      );
    }
    if (typeof input.needsRelatedData !== "boolean") {
      problems.push(
        `needsRelatedData must be true or false (got ${describeValue(input.needsRelatedData)})`,
      );
    }
    if (input.needsDataAsOfEvent !== undefined && typeof input.needsDataAsOfEvent !== "boolean") {
      problems.push(
        `needsDataAsOfEvent must be true, false or absent (got ${describeValue(input.needsDataAsOfEvent)})`,
      );
    }
  }
  const [first, ...rest] = problems.map((message) => ({
    code: "INVALID_EVENT_STYLE_INPUT" as const,
    message,
  }));
  if (first !== undefined) throw new CoreError([first, ...rest], "chooseEventStyle input");

  if (input.consumers === "other-contexts") {
    return input.needsRelatedData
      ? {
          style: "fat",
          rationale:
            "consumers in other contexts need related data: embed a snapshot, so they never query the source context back and keep working while it is down",
        }
      : {
          style: "thin",
          rationale:
            "consumers in other contexts use only the event's own fields: there is nothing to embed",
        };
  }
  if (input.needsRelatedData && input.needsDataAsOfEvent === true) {
    return {
      style: "fat",
      rationale:
        "the related data is needed as it was when the event happened, and it cannot be read back later: embed a snapshot",
    };
  }
  return {
    style: "thin",
    rationale:
      "same-context projections read their own context's current data cheaply: copying it into every event costs storage for nothing",
  };
}
