import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { featurePath } from "../fixtures/support.js";
import { assertionsRule } from "./testing-dsl/assertions.rule.js";
import { casesRule } from "./testing-dsl/cases.rule.js";
import { diffRule } from "./testing-dsl/diff.rule.js";
import { givensRule } from "./testing-dsl/givens.rule.js";
import { purityRule } from "./testing-dsl/purity.rule.js";
import { sharedSteps } from "./testing-dsl/sharedSteps.js";
import { resetWorld } from "./testing-dsl/world.js";

const feature = await loadFeature(featurePath("testing-dsl.feature", import.meta.url));

// Each Rule of the feature has its own module under testing-dsl/; they share one world.
describeFeature(feature, ({ BeforeEachScenario, Rule, defineSteps }) => {
  BeforeEachScenario(resetWorld);
  defineSteps(sharedSteps);
  Rule("Givens set up the state the command is decided against", givensRule);
  Rule("Each assertion passes on a correct expectation and explains a wrong one", assertionsRule);
  Rule("The spec catches deciders that are not pure", purityRule);
  Rule("diff reports every difference by its path", diffRule);
  Rule("Case tables drive one decider from many examples", casesRule);
});
