import type { DocumentByName, GenericDatabaseReader, GenericDatabaseWriter } from "convex/server";
import type { ProcessManagerDataModel } from "./tables.js";
import type { ProcessManagerDeadLetter, ProcessManagerInstance } from "./validators.js";

/** Any context with a database: the app's own, whose schema holds `processManagerTables`. */
export interface ProcessManagerReadCtx {
  readonly db: unknown;
}

export type InstanceDoc = DocumentByName<ProcessManagerDataModel, "processManagerInstances">;
export type DeadLetterDoc = DocumentByName<ProcessManagerDataModel, "processManagerDeadLetters">;
type Reader = GenericDatabaseReader<ProcessManagerDataModel>;

// The runtime runs in the app with the app's data model and touches only the tables of
// `processManagerTables`, which the app's schema must include.
export function pmReader(ctx: ProcessManagerReadCtx): Reader {
  return ctx.db as Reader;
}

export function pmWriter(
  ctx: ProcessManagerReadCtx,
): GenericDatabaseWriter<ProcessManagerDataModel> {
  return ctx.db as GenericDatabaseWriter<ProcessManagerDataModel>;
}

export async function findInstance(
  db: Reader,
  processManager: string,
  instanceId: string,
): Promise<InstanceDoc | null> {
  return await db
    .query("processManagerInstances")
    .withIndex("by_process_manager_and_instance_id", (q) =>
      q.eq("processManager", processManager).eq("instanceId", instanceId),
    )
    .unique();
}

export async function findCheckpoint(
  db: Reader,
  processManager: string,
  instanceId: string,
  eventId: string,
) {
  return await db
    .query("processManagerCheckpoints")
    .withIndex("by_process_manager_and_instance_id_and_event_id", (q) =>
      q.eq("processManager", processManager).eq("instanceId", instanceId).eq("eventId", eventId),
    )
    .unique();
}

export async function findDeadLetter(
  db: Reader,
  processManager: string,
  eventId: string,
): Promise<DeadLetterDoc | null> {
  return await db
    .query("processManagerDeadLetters")
    .withIndex("by_process_manager_and_event_id", (q) =>
      q.eq("processManager", processManager).eq("eventId", eventId),
    )
    .unique();
}

export function toInstance(doc: InstanceDoc): ProcessManagerInstance {
  const { _id: _ignoredId, _creationTime: _ignoredTime, ...instance } = doc;
  return instance;
}

export function toDeadLetter(doc: DeadLetterDoc): ProcessManagerDeadLetter {
  const { _id: _ignoredId, _creationTime: _ignoredTime, ...deadLetter } = doc;
  return deadLetter;
}
