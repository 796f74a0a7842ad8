// The workflow's onComplete and the saga admin operations, all internal.
import { createSagaFunctions } from "@convex-es/platform-core";
import { workflow } from "./sagas.js";

export const { onComplete, list, inspect, retry, cancel } = createSagaFunctions(workflow);
