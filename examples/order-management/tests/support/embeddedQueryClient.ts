// The part of ConvexReactClient that `useQuery` uses (`watchQuery`), answered by the embedded
// app: hooks under a ConvexProvider given this client read the real queries. Convex pushes new
// answers by itself; here the scenario says when (`refresh`), as a subscription update would.
import type { ConvexReactClient, Watch } from "convex/react";
import type { FunctionReference } from "convex/server";
import { getFunctionName } from "convex/server";

type Run = (query: FunctionReference<"query">, args: Record<string, unknown>) => Promise<unknown>;

interface Watched {
  readonly query: FunctionReference<"query">;
  readonly args: Record<string, unknown>;
  value: unknown;
  readonly listeners: Set<() => void>;
}

export class EmbeddedQueryClient {
  private readonly watched = new Map<string, Watched>();

  /** `run` answers a query as the signed-in user of the scenario. */
  constructor(private readonly run: Run) {}

  watchQuery(query: FunctionReference<"query">, args: Record<string, unknown>): Watch<unknown> {
    const key = `${getFunctionName(query)}:${JSON.stringify(args)}`;
    const entry = this.watched.get(key) ?? { query, args, value: undefined, listeners: new Set() };
    this.watched.set(key, entry);
    return {
      onUpdate: (callback) => {
        entry.listeners.add(callback);
        return () => entry.listeners.delete(callback);
      },
      localQueryResult: () => entry.value,
      journal: () => undefined,
    };
  }

  /** Answers every watched query again and tells its subscribers, as a Convex update does. */
  async refresh(): Promise<void> {
    for (const entry of this.watched.values()) {
      entry.value = await this.run(entry.query, entry.args);
      for (const listener of entry.listeners) listener();
    }
  }

  /** For `<ConvexProvider client={...}>`: only `watchQuery` is ever called by `useQuery`. */
  asReactClient(): ConvexReactClient {
    return this as unknown as ConvexReactClient;
  }
}
