// The sections `pnpm bench` runs, in order.
import { orchestratorSection } from "./orchestratorSection.js";
import { projectionSection } from "./projectionSection.js";
import type { BenchSection } from "./section.js";

export const benchSections: readonly BenchSection[] = [orchestratorSection, projectionSection];
