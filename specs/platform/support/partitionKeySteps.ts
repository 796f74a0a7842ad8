// Steps of projection definitions refused without a partition key: the bank's accountBalances
// handlers defined without one, and a command config whose projection trigger lacks one.
import {
  assertCommandConfigPartitionKeys,
  defineProjectionHandlers,
  isCoreError,
} from "@convex-es/platform-core";
import type { CoreErrorCode } from "@convex-es/platform-core";
import { expect } from "vitest";
import { accountBalances, accountBalancesEventHandlers } from "./bankApp/convex/accountBalances.js";
import { depositConfig, openConfig, withdrawConfig } from "./bankApp/convex/bank.js";
import type { StepDefiners } from "./bankProjections.js";
import { createWorld, thrownBy } from "./world.js";

const world = createWorld(() => ({ refusal: undefined as unknown }));

/** The last refusal has `code` as its only problem, and its message names each of `names`. */
function expectRefused(code: string, names: string[]): void {
  const { refusal } = world.value;
  expect(isCoreError(refusal, code as CoreErrorCode), String(refusal)).toBe(true);
  expect((refusal as { codes: readonly string[] }).codes).toEqual([code]);
  for (const name of names) expect(String(refusal)).toContain(name);
}

export function partitionKeySteps({ Step }: StepDefiners): void {
  Step("the accountBalances handlers are defined without a partition", () => {
    world.reset();
    world.value.refusal = thrownBy(() =>
      // The bank's own handlers, every subscribed event covered: only the partition is missing
      // (which the types demand, so the input goes in untyped).
      defineProjectionHandlers(accountBalances, {
        handlers: accountBalancesEventHandlers,
      } as unknown as Parameters<typeof defineProjectionHandlers>[1]),
    );
  });
  Step(
    "the definition is refused with code {string} naming projection {string}",
    (_ctx, code: string, projection: string) => {
      expectRefused(code, [`projection "${projection}"`]);
    },
  );
  Step(
    "the {string} command config triggers {string} without a partition key",
    (_ctx, commandType: string, projection: string) => {
      expect(depositConfig.definition.commandType).toBe(commandType);
      // Untyped, as a config from plain JavaScript would be: the types demand the key.
      const config = { ...depositConfig, projections: [{ projection }] };
      world.value.refusal = thrownBy(() =>
        assertCommandConfigPartitionKeys(
          config as unknown as Parameters<typeof assertCommandConfigPartitionKeys>[0],
        ),
      );
    },
  );
  Step(
    "assertCommandConfigPartitionKeys refuses it with code {string} naming command {string} and projection {string}",
    (_ctx, code: string, commandType: string, projection: string) => {
      expectRefused(code, [`command "${commandType}"`, `projection "${projection}"`]);
    },
  );
  Step(
    "the bank's own {string} config, whose trigger has a partition key, passes the check",
    (_ctx, commandType: string) => {
      const config = [openConfig, depositConfig, withdrawConfig].find(
        (c) => c.definition.commandType === commandType,
      );
      if (config === undefined) throw new Error(`the bank has no ${commandType} config`);
      expect(config.projections?.[0]?.partitionKey).toBeTypeOf("function");
      expect(() => assertCommandConfigPartitionKeys(config)).not.toThrow();
    },
  );
}
