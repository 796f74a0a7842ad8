import type {
  DataModelFromSchemaDefinition,
  DocumentByName,
  GenericDatabaseReader,
  GenericDatabaseWriter,
  GenericDataModel,
  GenericMutationCtx,
  GenericQueryCtx,
  SchemaDefinition,
} from "convex/server";
import type { sagaTables, SagaRecord } from "./schema.js";

/** The part of an app's data model saga functions use. */
export type SagaDataModel = DataModelFromSchemaDefinition<
  SchemaDefinition<typeof sagaTables, true>
>;
export type SagaDoc = DocumentByName<SagaDataModel, "sagas">;

// Any app data model: a reader of the app's own model is not assignable to a reader of
// GenericDataModel (its methods are generic over table names), and the app's model is wider
// than SagaDataModel.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDataModel = any;

/** A query ctx of an app whose schema spreads `sagaTables`. */
export type SagaQueryCtx = { db: GenericDatabaseReader<AnyDataModel> };
/** A mutation ctx of an app whose schema spreads `sagaTables`. */
export type SagaWriterCtx = { db: GenericDatabaseWriter<AnyDataModel> };
/** A query ctx that can also call the workflow component. */
export type SagaInspectCtx = SagaQueryCtx & Pick<GenericQueryCtx<GenericDataModel>, "runQuery">;
/** A mutation ctx that can also call the workflow component. */
export type SagaMutationCtx = SagaWriterCtx &
  Pick<GenericMutationCtx<GenericDataModel>, "runQuery" | "runMutation">;

// The app's data model has more tables than SagaDataModel; the sagas table is the same, since
// the app's schema spreads sagaTables.
export function sagaReader(ctx: SagaQueryCtx): GenericDatabaseReader<SagaDataModel> {
  return ctx.db as unknown as GenericDatabaseReader<SagaDataModel>;
}
export function sagaWriter(ctx: SagaWriterCtx): GenericDatabaseWriter<SagaDataModel> {
  return ctx.db as unknown as GenericDatabaseWriter<SagaDataModel>;
}

/** The saga of this type and id, or null. sagaIds are unique per type. */
export async function findSaga(
  db: GenericDatabaseReader<SagaDataModel>,
  sagaType: string,
  sagaId: string,
): Promise<SagaDoc | null> {
  return db
    .query("sagas")
    .withIndex("by_saga_type_and_saga_id", (q) => q.eq("sagaType", sagaType).eq("sagaId", sagaId))
    .unique();
}

/** The record as saga functions return it. */
export function toSagaRecord(doc: SagaDoc): SagaRecord {
  const { _id, _creationTime, ...record } = doc;
  return record;
}
