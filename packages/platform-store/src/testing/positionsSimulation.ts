// A deterministic model of concurrent appends and catch-up readers, for the property convex-test
// cannot show (it runs one mutation at a time): with a settle window longer than any mutation,
// global positions are unique, follow stream versions, and no reader ever skips an event.
//
// Appends are transactions with a start time (their clock, as in Convex) and a commit time.
// They pick positions with the component's own `candidateFirstPositions`, probe the ranges they
// try against what had committed when they started, and are retried like Convex OCC retries
// them when a transaction that committed meanwhile wrote their stream or a probed range.
// Readers poll at arbitrary times through the component's `highWaterMark`, `mergeByPosition`
// and `nextCatchUpPosition`, each with its own event-type filter and page size.
import {
  candidateFirstPositions,
  highWaterMark,
  mergeByPosition,
  nextCatchUpPosition,
  POSITIONS_PER_MS,
} from "../shared/positions.js";

export type SimulationOptions = {
  /** Seed of the PRNG that draws everything: same seed, same run. */
  seed: number;
  /** Appends (each one transaction, retried until it commits). */
  transactions: number;
  streams: number;
  readers: number;
  /** The readers' settle window, ms. */
  settleMs: number;
  /** Appends start within this many ms. Default 10,000. */
  spanMs?: number;
  /** Events per append, 1 to this. Default 5. */
  maxBatchSize?: number;
  /** Longest attempt from start to commit, ms. Default 1,000 (Convex's limit on user code). */
  maxDurationMs?: number;
  /** Share of slow attempts (a tenth to all of maxDurationMs); the rest take 0-20 ms. Default 0.1. */
  slowShare?: number;
  /** Distinct event types. Default 3. */
  eventTypes?: number;
  /** Readers take pages of 1 to this many events. Default 20. */
  maxReadLimit?: number;
  /** Mean pause between two polls of one reader, ms. Default 25. */
  meanPollIntervalMs?: number;
};

export type SimulationReport = {
  seed: number;
  settleMs: number;
  transactions: number;
  streams: number;
  readers: number;
  committedEvents: number;
  /** Attempts retried by the modelled OCC because their stream was written meanwhile. */
  streamConflicts: number;
  /** Attempts retried because another append took positions in a range they probed. */
  rangeConflicts: number;
  /** Probes that found their range taken and moved to the next candidate. */
  takenRanges: number;
  /** Commits that landed below a position that had already committed: the hazard readers face. */
  outOfOrderCommits: number;
  polls: number;
  /** Positions held by more than one event (must be 0). */
  duplicatePositions: number;
  /** Stream events whose position is not above the previous version's (must be 0). */
  streamOrderViolations: number;
  /** Events a reader's filter matches but that it never read (must be 0 with a safe window). */
  skippedEvents: number;
  /** Events a reader read more than once (must be 0). */
  eventsReadTwice: number;
  /** Events read, summed over readers. */
  eventsRead: number;
};

type SimEvent = {
  stream: number;
  version: number;
  globalPosition: number;
  eventType: number;
};

type Attempt = {
  tx: number;
  stream: number;
  batchSize: number;
  first: number;
  probes: [number, number][];
  startSeq: number;
};

type Reader = {
  after: number;
  types: number[];
  read: Map<number, number>;
};

type Task =
  | { at: number; kind: "commit"; attempt: Attempt }
  | { at: number; kind: "poll"; reader: number }
  | { at: number; kind: "start"; tx: number };

type QueuedTask = Task & { order: number };

const EPOCH_MS = 1_700_000_000_000;
const KIND_ORDER = { commit: 0, poll: 1, start: 2 } as const;

/** mulberry32: a small, well-mixed 32-bit PRNG. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class TaskQueue {
  private heap: QueuedTask[] = [];
  private counter = 0;

  push(task: Task): void {
    const item = { ...task, order: this.counter++ };
    this.heap.push(item);
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(this.heap[i]!, this.heap[parent]!)) break;
      [this.heap[i], this.heap[parent]] = [this.heap[parent]!, this.heap[i]!];
      i = parent;
    }
  }

  pop(): QueuedTask | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top === undefined || last === undefined || this.heap.length === 0) return top;
    this.heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.heap.length && this.before(this.heap[left]!, this.heap[smallest]!))
        smallest = left;
      if (right < this.heap.length && this.before(this.heap[right]!, this.heap[smallest]!))
        smallest = right;
      if (smallest === i) return top;
      [this.heap[i], this.heap[smallest]] = [this.heap[smallest]!, this.heap[i]!];
      i = smallest;
    }
  }

  private before(a: QueuedTask, b: QueuedTask): boolean {
    if (a.at !== b.at) return a.at < b.at;
    if (a.kind !== b.kind) return KIND_ORDER[a.kind] < KIND_ORDER[b.kind];
    return a.order < b.order;
  }
}

/** Index of the first element of a sorted array greater than `value`. */
function upperBound(sorted: readonly SimEvent[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]!.globalPosition <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function insertSorted(sorted: SimEvent[], event: SimEvent): void {
  sorted.splice(upperBound(sorted, event.globalPosition), 0, event);
}

function rangeTaken(sorted: readonly SimEvent[], from: number, to: number): boolean {
  const index = upperBound(sorted, from - 1);
  return index < sorted.length && sorted[index]!.globalPosition <= to;
}

/**
 * Runs one seeded interleaving of concurrent appends and polling readers and reports what every
 * reader saw. Deterministic: the same options give the same report.
 *
 * @example
 * const report = simulateInterleavings({ seed: 1, transactions: 2000, streams: 200, readers: 6, settleMs: 5000 });
 * // report.skippedEvents === 0; with settleMs: 0 it is not
 */
export function simulateInterleavings(options: SimulationOptions): SimulationReport {
  const spanMs = options.spanMs ?? 10_000;
  const maxBatchSize = options.maxBatchSize ?? 5;
  const maxDurationMs = options.maxDurationMs ?? 1000;
  const slowShare = options.slowShare ?? 0.1;
  const typeCount = options.eventTypes ?? 3;
  const maxReadLimit = options.maxReadLimit ?? 20;
  const meanPoll = options.meanPollIntervalMs ?? 25;
  const random = seededRandom(options.seed);
  const pick = (n: number) => Math.floor(random() * n);
  const duration = () =>
    random() < slowShare
      ? Math.ceil(maxDurationMs / 10 + random() * (maxDurationMs - maxDurationMs / 10))
      : pick(21);

  const streamState = Array.from({ length: options.streams }, () => ({ version: 0, last: 0 }));
  const all: SimEvent[] = [];
  const byType: SimEvent[][] = Array.from({ length: typeCount }, () => []);
  const commitLog: { stream: number; from: number; to: number }[] = [];
  const txs = Array.from({ length: options.transactions }, () => ({
    stream: pick(options.streams),
    batchSize: 1 + pick(maxBatchSize),
  }));
  const readers: Reader[] = Array.from({ length: options.readers }, (_, index) => ({
    after: 0,
    // Even readers read everything (one range), odd ones a subset of types (merged ranges).
    types:
      index % 2 === 0
        ? []
        : Array.from({ length: typeCount }, (_, type) => type).filter(
            (type) => type === index % typeCount || random() < 0.5,
          ),
    read: new Map(),
  }));
  const report: SimulationReport = {
    seed: options.seed,
    settleMs: options.settleMs,
    transactions: options.transactions,
    streams: options.streams,
    readers: options.readers,
    committedEvents: 0,
    streamConflicts: 0,
    rangeConflicts: 0,
    takenRanges: 0,
    outOfOrderCommits: 0,
    polls: 0,
    duplicatePositions: 0,
    streamOrderViolations: 0,
    skippedEvents: 0,
    eventsReadTwice: 0,
    eventsRead: 0,
  };

  const queue = new TaskQueue();
  for (const [tx] of txs.entries()) {
    queue.push({ at: EPOCH_MS + pick(spanMs), kind: "start", tx });
  }
  for (const [reader] of readers.entries()) {
    queue.push({ at: EPOCH_MS + pick(meanPoll * 2), kind: "poll", reader });
  }
  let pending = options.transactions;
  let highestCommitted = 0;

  const poll = (reader: Reader, nowMs: number): boolean => {
    report.polls += 1;
    const limit = 1 + pick(maxReadLimit);
    const mark = highWaterMark(nowMs, options.settleMs);
    const rangeOf = (sorted: readonly SimEvent[]) => {
      const from = upperBound(sorted, reader.after);
      const to = upperBound(sorted, mark - 1);
      return sorted.slice(from, Math.min(to, from + limit + 1));
    };
    const ranges =
      mark > reader.after + 1
        ? reader.types.length === 0
          ? [rangeOf(all)]
          : reader.types.map((type) => rangeOf(byType[type]!))
        : [];
    const { events, isDone } = mergeByPosition(ranges, limit);
    for (const event of events) {
      reader.read.set(event.globalPosition, (reader.read.get(event.globalPosition) ?? 0) + 1);
    }
    reader.after = nextCatchUpPosition(reader.after, mark, events, isDone);
    return isDone;
  };

  for (let task = queue.pop(); task !== undefined; task = queue.pop()) {
    if (task.kind === "start") {
      const { stream, batchSize } = txs[task.tx]!;
      const state = streamState[stream]!;
      const probes: [number, number][] = [];
      let first: number | undefined;
      for (const candidate of candidateFirstPositions({
        nowMs: task.at,
        lastGlobalPosition: state.last,
        batchSize,
        random,
      })) {
        const range: [number, number] = [candidate, candidate + batchSize - 1];
        probes.push(range);
        if (!rangeTaken(all, range[0], range[1])) {
          first = candidate;
          break;
        }
        report.takenRanges += 1;
      }
      if (first === undefined) throw new Error("position space exhausted in the simulation");
      const attempt = { tx: task.tx, stream, batchSize, first, probes, startSeq: commitLog.length };
      queue.push({ at: task.at + duration(), kind: "commit", attempt });
    } else if (task.kind === "commit") {
      const { attempt } = task;
      const meanwhile = commitLog.slice(attempt.startSeq);
      const streamConflict = meanwhile.some((commit) => commit.stream === attempt.stream);
      const rangeConflict = meanwhile.some((commit) =>
        attempt.probes.some(([from, to]) => commit.from <= to && from <= commit.to),
      );
      if (streamConflict || rangeConflict) {
        if (streamConflict) report.streamConflicts += 1;
        else report.rangeConflicts += 1;
        queue.push({ at: task.at, kind: "start", tx: attempt.tx });
        continue;
      }
      const state = streamState[attempt.stream]!;
      if (attempt.first < highestCommitted) report.outOfOrderCommits += 1;
      for (let index = 0; index < attempt.batchSize; index++) {
        state.version += 1;
        const event: SimEvent = {
          stream: attempt.stream,
          version: state.version,
          globalPosition: attempt.first + index,
          eventType: pick(typeCount),
        };
        insertSorted(all, event);
        insertSorted(byType[event.eventType]!, event);
      }
      const last = attempt.first + attempt.batchSize - 1;
      state.last = last;
      highestCommitted = Math.max(highestCommitted, last);
      commitLog.push({ stream: attempt.stream, from: attempt.first, to: last });
      report.committedEvents += attempt.batchSize;
      pending -= 1;
    } else {
      poll(readers[task.reader]!, task.at);
      if (pending > 0) {
        const pause = 1 + Math.floor(-Math.log(1 - random()) * meanPoll);
        queue.push({ at: task.at + pause, kind: "poll", reader: task.reader });
      }
    }
  }

  // Drain: once every event is older than the settle window, each reader reads to the end.
  const drainAt = Math.ceil(highestCommitted / POSITIONS_PER_MS) + options.settleMs + 1;
  for (const reader of readers) {
    while (!poll(reader, drainAt)) {
      // keep paging
    }
  }

  const positions = new Set(all.map((event) => event.globalPosition));
  report.duplicatePositions = all.length - positions.size;
  const byStream = new Map<number, SimEvent[]>();
  for (const event of all) {
    const events = byStream.get(event.stream) ?? [];
    events.push(event);
    byStream.set(event.stream, events);
  }
  for (const events of byStream.values()) {
    events.sort((a, b) => a.version - b.version);
    for (let index = 1; index < events.length; index++) {
      if (events[index]!.globalPosition <= events[index - 1]!.globalPosition) {
        report.streamOrderViolations += 1;
      }
    }
  }
  for (const reader of readers) {
    for (const event of all) {
      if (reader.types.length > 0 && !reader.types.includes(event.eventType)) continue;
      const times = reader.read.get(event.globalPosition) ?? 0;
      if (times === 0) report.skippedEvents += 1;
      if (times > 1) report.eventsReadTwice += 1;
    }
    for (const times of reader.read.values()) report.eventsRead += times;
  }
  return report;
}
