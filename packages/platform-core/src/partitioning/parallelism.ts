import type { PartitionStrategy } from "./partitionKeys.js";

/**
 * Default Workpool parallelism per strategy. Many small partitions (streams, entities) use a
 * projection pool's usual 10; tenants are few and heavy, 5; a global projection has one
 * checkpoint, so exactly 1 (parallel jobs would only contend on it).
 */
export const RECOMMENDED_PARALLELISM: Readonly<Record<PartitionStrategy, number>> = Object.freeze({
  stream: 10,
  entity: 10,
  tenant: 5,
  global: 1,
});
