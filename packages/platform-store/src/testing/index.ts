// Test helpers for apps and packages that use the event store; not part of the root export.
export { newEvent, streamRef } from "./eventInputs.js";
export type { SimulationOptions, SimulationReport } from "./positionsSimulation.js";
export { seededRandom, simulateInterleavings } from "./positionsSimulation.js";
