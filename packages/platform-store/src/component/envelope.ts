import type { EventEnvelope } from "../shared/validators.js";
import type { Doc } from "./_generated/dataModel.js";

/** The stored document as the API returns it: the document id is the event id, a plain string. */
export function toEnvelope(doc: Doc<"events">): EventEnvelope {
  const { _id, _creationTime: _created, ...fields } = doc;
  return { eventId: _id as string, ...fields };
}
