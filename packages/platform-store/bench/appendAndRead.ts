// Appends 10,000 events over 1,000 streams on convex-test and reads them back by stream and by
// position; prints events per second and, per append, the documents read and written and the
// index ranges queried, as counted by convex-test's transaction metrics
// (ctx.meta.getTransactionMetrics, the same counters Convex enforces its limits with).
//
//   pnpm --filter @convex-es/platform-store bench
//
// convex-test is an in-memory model of Convex run in one process: the rates measure this code
// on that model, not a deployment. The document counts are what a deployment would read and
// write.
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { convexTest } from "convex-test";
import type { FunctionArgs, FunctionReference } from "convex/server";
import { api } from "../src/component/_generated/api.js";
import schema from "../src/component/schema.js";

const STREAMS = 1000;
const EVENTS = 10_000;
const BATCH = Number(process.env.BENCH_BATCH ?? 1);

const srcDir = fileURLToPath(new URL("../src", import.meta.url));

/** The component's modules, as src/test.ts gives them to vitest (import.meta.glob needs vite). */
async function loadModules(): Promise<Record<string, () => Promise<unknown>>> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts") && !entry.name.includes(".config.")) files.push(path);
    }
  };
  walk(join(srcDir, "component"));
  const modules: Record<string, () => Promise<unknown>> = {};
  for (const file of files) {
    const loaded: unknown = await import(pathToFileURL(file).href);
    modules[`./${relative(srcDir, file)}`] = () => Promise.resolve(loaded);
  }
  return modules;
}

type Metrics = {
  documentsRead: { used: number };
  documentsWritten: { used: number };
  databaseQueries: { used: number };
};
type Usage = { read: number; written: number; ranges: number };

const t = convexTest(schema, await loadModules());

/** Runs a component function inside a transaction and returns its result and what it used. */
async function measured<F extends FunctionReference<"mutation" | "query", "public">>(
  kind: "mutation" | "query",
  ref: F,
  args: FunctionArgs<F>,
): Promise<{ result: F["_returnType"]; usage: Usage }> {
  return await t.mutation(async (ctx) => {
    const before = (await ctx.meta.getTransactionMetrics()) as unknown as Metrics;
    const result =
      kind === "mutation"
        ? await ctx.runMutation(ref as FunctionReference<"mutation">, args)
        : await ctx.runQuery(ref as FunctionReference<"query">, args);
    const after = (await ctx.meta.getTransactionMetrics()) as unknown as Metrics;
    return {
      result,
      usage: {
        read: after.documentsRead.used - before.documentsRead.used,
        written: after.documentsWritten.used - before.documentsWritten.used,
        ranges: after.databaseQueries.used - before.databaseQueries.used,
      },
    };
  });
}

function summary(usages: Usage[]) {
  if (usages.length === 0) return "none in this run";
  const total = usages.reduce(
    (sum, u) => ({
      read: sum.read + u.read,
      written: sum.written + u.written,
      ranges: sum.ranges + u.ranges,
    }),
    { read: 0, written: 0, ranges: 0 },
  );
  const maxRead = Math.max(...usages.map((u) => u.read));
  const n = usages.length;
  return `${(total.read / n).toFixed(2)} documents read (max ${maxRead}), ${(total.written / n).toFixed(2)} written, ${(total.ranges / n).toFixed(2)} index ranges`;
}

const perSecond = (count: number, ms: number) =>
  Math.round((count * 1000) / ms).toLocaleString("en-US");

// Appends, round-robin over the streams so that every append after the first round finds its
// stream existing: BATCH events per append (BENCH_BATCH=10 for batches of ten).
const versions = new Array<number>(STREAMS).fill(0);
const firstAppends: Usage[] = [];
const laterAppends: Usage[] = [];
// convex-test evaluates an index range by scanning its table, so appends slow down as the
// table grows: the rate of each tenth of the run shows it.
const tenths: string[] = [];
let tenthStarted = performance.now();
let started = performance.now();
for (let i = 0; i < EVENTS / BATCH; i++) {
  const stream = i % STREAMS;
  const { result, usage } = await measured("mutation", api.lib.appendToStream, {
    stream: { streamType: "Account", streamId: `acc-${stream}`, boundedContext: "bench" },
    expectedVersion: versions[stream]!,
    events: Array.from({ length: BATCH }, (_, k) => ({
      eventType: k % 2 === 0 ? "Deposited" : "Withdrawn",
      category: "domain" as const,
      schemaVersion: 1,
      payload: { amount: i, note: "benchmark" },
      metadata: { correlationId: `corr-${i}` },
    })),
  });
  if (result.status !== "success") throw new Error(`append ${i}: ${result.status}`);
  versions[stream] = result.streamVersion;
  (versions[stream] === BATCH ? firstAppends : laterAppends).push(usage);
  if ((i + 1) % (EVENTS / BATCH / 10) === 0) {
    tenths.push(perSecond(EVENTS / 10, performance.now() - tenthStarted));
    tenthStarted = performance.now();
  }
}
const appendMs = performance.now() - started;

// Reads by stream: every stream in one page.
started = performance.now();
const streamReads: Usage[] = [];
let readByStream = 0;
for (let stream = 0; stream < STREAMS; stream++) {
  const { result, usage } = await measured("query", api.lib.readStream, {
    streamType: "Account",
    streamId: `acc-${stream}`,
    limit: 100,
  });
  readByStream += result.events.length;
  streamReads.push(usage);
}
const streamMs = performance.now() - started;

// Reads by position: the whole log in pages of 500, once every event is past the settle window.
await new Promise((resolve) => setTimeout(resolve, 5));
started = performance.now();
const positionReads: Usage[] = [];
let readByPosition = 0;
let after = 0;
let previous = 0;
for (let done = false; !done;) {
  const { result, usage } = await measured("query", api.lib.readFromPosition, {
    after,
    limit: 500,
    settleMs: 0,
  });
  for (const event of result.events) {
    if (event.globalPosition <= previous) throw new Error("positions out of order");
    previous = event.globalPosition;
  }
  readByPosition += result.events.length;
  positionReads.push(usage);
  after = result.nextPosition;
  done = result.isDone;
}
const positionMs = performance.now() - started;

if (readByStream !== EVENTS || readByPosition !== EVENTS) {
  throw new Error(`read back ${readByStream} by stream and ${readByPosition} by position`);
}

console.log(
  `eventStore benchmark on convex-test ${process.version}: ${EVENTS} events, ${STREAMS} streams, ${BATCH} event(s) per append`,
);
console.log(
  `append            ${perSecond(EVENTS, appendMs)} events/s (${(appendMs / 1000).toFixed(1)} s, ${EVENTS / BATCH} appends)`,
);
console.log(`  events/s by tenth of the run: ${tenths.join(", ")}`);
console.log(`  first append to a stream: ${summary(firstAppends)}`);
console.log(`  later appends:            ${summary(laterAppends)}`);
console.log(
  `read by stream    ${perSecond(EVENTS, streamMs)} events/s (${STREAMS} reads of ${EVENTS / STREAMS} events; ${summary(streamReads)} per read)`,
);
console.log(
  `read by position  ${perSecond(EVENTS, positionMs)} events/s (${positionReads.length} pages of up to 500; ${summary(positionReads)} per page)`,
);
