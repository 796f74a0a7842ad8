import type { DocumentByName, GenericDatabaseReader, GenericDatabaseWriter } from "convex/server";
import type { EventBusDataModel } from "./tables.js";
import type { PublicationRecord } from "./validators.js";

/** Any query, mutation or action context with a database: the app's own, whose schema holds `eventBusTables`. */
export interface EventBusReadCtx {
  readonly db: unknown;
}

export type PublicationDoc = DocumentByName<EventBusDataModel, "eventBusPublications">;

// The bus's functions run in the app with the app's data model; they touch only the tables of
// `eventBusTables`, which the app's schema must include (its docs say so).
export function readerOf(ctx: EventBusReadCtx): GenericDatabaseReader<EventBusDataModel> {
  return ctx.db as GenericDatabaseReader<EventBusDataModel>;
}

export function writerOf(ctx: EventBusReadCtx): GenericDatabaseWriter<EventBusDataModel> {
  return ctx.db as GenericDatabaseWriter<EventBusDataModel>;
}

export async function findPublication(
  db: GenericDatabaseReader<EventBusDataModel>,
  publicationId: string,
): Promise<PublicationDoc | null> {
  return await db
    .query("eventBusPublications")
    .withIndex("by_publication_id", (q) => q.eq("publicationId", publicationId))
    .unique();
}

/** A publication without its Convex system fields. */
export function toPublicationRecord(doc: PublicationDoc): PublicationRecord {
  const { _id: _ignoredId, _creationTime: _ignoredTime, ...record } = doc;
  return record;
}

/** What a thrown error says, with the `code` of a ConvexError in front. */
export function errorText(error: unknown): string {
  if (typeof error === "object" && error !== null && "data" in error) {
    const data = (error as { data: unknown }).data;
    if (typeof data === "object" && data !== null) {
      const { code, message } = data as { code?: unknown; message?: unknown };
      if (typeof code === "string" && typeof message === "string") return `${code}: ${message}`;
      if (typeof message === "string") return message;
      return JSON.stringify(data);
    }
    if (typeof data === "string") return data;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
