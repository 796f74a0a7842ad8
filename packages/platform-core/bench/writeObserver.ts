// Names the documents each command writes. Convex's transaction metrics count writes but do not
// say which documents they were, and the eventStore and commandBus components write through
// their own `ctx.db`, which the app cannot wrap. Every database write of every component
// crosses one boundary in convex-test: the `Convex.asyncSyscall` entry point of the Convex
// runtime (`1.0/insert`, `1.0/shallowMerge`, `1.0/replace`, `1.0/remove`). The observer wraps
// that entry point and records, for each write, the component that made it, the table and the
// document id. The benchmark compares the count with the metrics for every command, so an
// observer that missed a write would be caught.

type Syscalls = {
  readonly syscall: (op: string, json: string) => string;
  readonly asyncSyscall: (op: string, json: string) => Promise<string>;
  readonly jsSyscall: (op: string, args: unknown) => unknown;
};

type ConvexGlobal = { Convex?: Syscalls };

const WRITE_OPS = new Set(["1.0/insert", "1.0/shallowMerge", "1.0/replace", "1.0/remove"]);

/** One document write: `document` is `<component>/<table>/<id>`, unique across components. */
export interface ObservedWrite {
  readonly component: string;
  readonly table: string;
  readonly document: string;
}

export interface WriteObserver {
  /** Runs `body` and returns its value with the writes made while it ran. */
  observe<T>(body: () => Promise<T>): Promise<{ value: T; writes: ObservedWrite[] }>;
  /** Puts the original entry point back. */
  detach(): void;
}

/**
 * The table of a write that names none (the older `db.patch(id, value)` form): convex-test's
 * ids are a counter followed by the table's name.
 */
function tableOfTestId(id: string): string {
  return id.replace(/^\d+/, "");
}

/** The component a write ran in: convex-test names the app's root component "". */
async function componentOf(syscalls: Syscalls): Promise<string> {
  const metadata = JSON.parse(await syscalls.asyncSyscall("1.0/getFunctionMetadata", "{}")) as {
    componentPath: string;
  };
  return metadata.componentPath === "" ? "app" : metadata.componentPath;
}

/**
 * Wraps convex-test's syscall entry point. Call it after `convexTest(...)` has installed it.
 *
 * @example
 * const observer = attachWriteObserver();
 * const { value, writes } = await observer.observe(() => t.mutation(ref, args));
 */
export function attachWriteObserver(): WriteObserver {
  const global = globalThis as ConvexGlobal;
  const original = global.Convex;
  if (original === undefined) {
    throw new Error(
      "convex-test's Convex syscall entry point is not installed: create the app with convexTest() before attaching the write observer",
    );
  }
  let recording: ObservedWrite[] | undefined;
  global.Convex = {
    // Getters: convex-test resolves the running test's syscalls at each call.
    get syscall() {
      return original.syscall;
    },
    get jsSyscall() {
      return original.jsSyscall;
    },
    asyncSyscall: async (op, json) => {
      const result = await original.asyncSyscall(op, json);
      if (recording !== undefined && WRITE_OPS.has(op)) {
        const args = JSON.parse(json) as { table?: string; id?: string };
        const id = op === "1.0/insert" ? (JSON.parse(result) as { _id: string })._id : args.id;
        const table = args.table ?? tableOfTestId(String(id));
        const component = await componentOf(original);
        recording.push({ component, table, document: `${component}/${table}/${String(id)}` });
      }
      return result;
    },
  };
  return {
    async observe(body) {
      if (recording !== undefined) throw new Error("write observations cannot be nested");
      const writes: ObservedWrite[] = [];
      recording = writes;
      try {
        return { value: await body(), writes };
      } finally {
        recording = undefined;
      }
    },
    detach() {
      global.Convex = original;
    },
  };
}
