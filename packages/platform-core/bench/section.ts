// A benchmark section measures one part of the runtime on a fresh embedded app and returns the
// lines it prints. The runner (platformCore.bench.ts) runs the sections of `benchSections` in
// order; a new measurement is a new module exporting a BenchSection, added to that list.

export interface BenchSection {
  /** The heading printed above the section's lines. */
  readonly title: string;
  /** Runs the measurement and returns the report lines. Throws when the run is inconsistent. */
  run(): Promise<readonly string[]>;
}
