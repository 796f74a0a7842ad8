// The sections `pnpm bench` runs, in order. The projections runtime, once it exists, adds its
// own section here ("projection events processed per second"), measured on real Workpool jobs.
import { orchestratorSection } from "./orchestratorSection.js";
import type { BenchSection } from "./section.js";

export const benchSections: readonly BenchSection[] = [orchestratorSection];
