import { expect } from "vitest";
import { diff } from "../../../src/testing/index.js";
import { diffPairs } from "../../fixtures/diffPairs.js";
import type { RuleCallback } from "./world.js";

/** Rule: diff reports every difference by its path */
export const diffRule: RuleCallback = ({ RuleScenario, RuleScenarioOutline }) => {
  RuleScenarioOutline(
    "diff names each difference by its path",
    ({ Given, When, Then }, variables) => {
      let pair: readonly [unknown, unknown];
      let lines: string[];
      Given('the values called "<pair>"', () => {
        const found = diffPairs[String(variables.pair)];
        if (found === undefined)
          throw new Error(`Unknown pair in the feature file: ${variables.pair}`);
        pair = found;
      });
      When("the expected value is diffed against the received one", () => {
        lines = diff(pair[0], pair[1]);
      });
      Then('the differences are "<differences>"', () => {
        const expected =
          variables.differences === "none" ? [] : String(variables.differences).split("; ");
        expect(lines).toEqual(expected);
      });
    },
  );

  RuleScenario(
    "A partial diff checks only what the expectation names",
    ({ Given, When, Then, And }) => {
      const received = { a: 1, b: { c: 2, d: 3 }, e: [{ f: 1, g: 2 }] };
      let expected: unknown;
      let lines: string[];
      Given("an expectation that names only some keys of the received value", () => {
        expected = { b: { c: 2 }, e: [{ g: 2 }] };
      });
      When("the expected value is diffed partially against the received one", () => {
        lines = diff(expected, received, { partial: true });
      });
      Then("there are no differences", () => {
        expect(lines).toEqual([]);
        expect(diff(expected, received)).not.toEqual([]);
      });
      And("a wrong value under a named key is still reported as {string}", (_ctx, line: string) => {
        expect(diff({ b: { c: 5 } }, received, { partial: true })).toEqual([line]);
      });
    },
  );
};
