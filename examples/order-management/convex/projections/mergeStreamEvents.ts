import type { CommittedReactiveEvent } from "@convex-es/platform-core";

/** One stream's events after the checkpoint, as `readReactiveEvents` returns them. */
export interface StreamPage {
  readonly events: readonly CommittedReactiveEvent[];
  readonly hasMore: boolean;
}

/**
 * The events of several streams of one partition in position order, at most `limit`. A stream
 * cut short by its page limit may hold events before another stream's later ones, so the result
 * stops at the earliest cut: the client always gets a prefix of the partition's events, never
 * one with a hole, and `hasMore` says that more follow.
 */
export function mergeStreamEvents(
  pages: readonly StreamPage[],
  limit: number,
): { events: CommittedReactiveEvent[]; hasMore: boolean } {
  const cuts = pages
    .filter((page) => page.hasMore)
    .map((page) => page.events.at(-1)?.globalPosition ?? 0);
  const cut = Math.min(Infinity, ...cuts);
  const all = pages
    .flatMap((page) => page.events)
    .sort((a, b) => a.globalPosition - b.globalPosition);
  const kept = all.filter((event) => event.globalPosition <= cut).slice(0, limit);
  return { events: kept, hasMore: kept.length < all.length || cuts.length > 0 };
}
