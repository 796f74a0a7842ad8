export type { ContractCoverage } from "./assertions.js";
export {
  assertContractCovers,
  assertDefinitionRefused,
  assertProjectionCategory,
  assertUpcastsTo,
} from "./assertions.js";
