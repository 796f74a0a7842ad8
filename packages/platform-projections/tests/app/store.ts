import { ProjectionStore } from "../../src/client/index.js";
import { components } from "./_generated/api.js";

export const store = new ProjectionStore(components.projections);
