// Records what a transaction reads through indexes and what it inserts, by wrapping its `db`.
// Convex's OCC retries a transaction when a document inside an index range it read changed
// before it committed; so an insert that falls inside a range its own transaction read cannot
// commit beside a concurrent insert into that range: one of the two is retried and sees the
// other. That is what makes a check-then-insert atomic (a reservation, a unique key); convex-test
// runs transactions one at a time and cannot show the conflict itself, so tests check the
// precondition instead.
import type { GenericDatabaseWriter, GenericDataModel } from "convex/server";

/** One bound of an index range: `q.eq("type", "username")` is `{ op: "eq", field: "type", ... }`. */
export type IndexBound = { op: "eq" | "gt" | "gte" | "lt" | "lte"; field: string; value: unknown };
/** An index range a transaction read. */
export type IndexRead = { table: string; index: string; bounds: IndexBound[] };
export type RecordedInsert = { table: string; doc: Record<string, unknown> };
/** What `recordingDb` saw: index ranges read and documents inserted, in order. */
export type TransactionRecording = { reads: IndexRead[]; inserts: RecordedInsert[] };

function recorder(bounds: IndexBound[]) {
  const q: Record<string, (field: string, value: unknown) => unknown> = {};
  for (const op of ["eq", "gt", "gte", "lt", "lte"] as const) {
    q[op] = (field, value) => {
      bounds.push({ op, field, value });
      return q;
    };
  }
  return q;
}

/**
 * A `db` that records index reads and inserts, then does them for real. Hand it to the code
 * under test inside `t.run`.
 *
 * @example
 * const recording = { reads: [], inserts: [] };
 * await t.run((ctx) => reservations.reserve({ ...ctx, db: recordingDb(ctx.db, recording) }, args));
 * expect(rangesContaining(recording, recording.inserts[0])).not.toHaveLength(0);
 */
export function recordingDb<DataModel extends GenericDataModel>(
  db: GenericDatabaseWriter<DataModel>,
  recording: TransactionRecording,
): GenericDatabaseWriter<DataModel> {
  const query = (table: string) => {
    const real = (db.query as unknown as (t: string) => Record<string, unknown>)(table);
    return new Proxy(real, {
      get(target, prop, receiver) {
        if (prop !== "withIndex") return Reflect.get(target, prop, receiver);
        return (index: string, range?: (q: unknown) => unknown) => {
          const bounds: IndexBound[] = [];
          if (range !== undefined) range(recorder(bounds));
          recording.reads.push({ table, index, bounds });
          return (target.withIndex as (i: string, r?: unknown) => unknown)(index, range);
        };
      },
    });
  };
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "query") return query;
      if (prop === "insert") {
        return (table: string, doc: Record<string, unknown>) => {
          recording.inserts.push({ table, doc });
          return (target.insert as (t: string, d: unknown) => unknown)(table, doc);
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? (value as () => unknown).bind(target) : value;
    },
  });
}

function within(doc: Record<string, unknown>, bound: IndexBound): boolean {
  const actual = doc[bound.field] as number | string;
  const limit = bound.value as number | string;
  switch (bound.op) {
    case "eq":
      return actual === limit;
    case "gt":
      return actual > limit;
    case "gte":
      return actual >= limit;
    case "lt":
      return actual < limit;
    case "lte":
      return actual <= limit;
  }
}

/**
 * The index ranges of the insert's table, read by the same transaction, that contain the
 * inserted document: non-empty means a concurrent insert of a conflicting document conflicts.
 */
export function rangesContaining(
  recording: TransactionRecording,
  insert: RecordedInsert,
): IndexRead[] {
  return recording.reads.filter(
    (read) =>
      read.table === insert.table &&
      read.bounds.length > 0 &&
      read.bounds.every((bound) => within(insert.doc, bound)),
  );
}
