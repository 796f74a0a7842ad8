// The bank app (bankApp/) under convex-test: its modules, the eventStore, commandBus, rate
// limiter and projections components with the Workpool the catch-up jobs run in, and the
// accounts bounded context as a component with its own database.
import rateLimiterTest from "@convex-dev/rate-limiter/test";
import workpoolTest from "@convex-dev/workpool/test";
import commandBusTest from "@convex-es/platform-bus/test";
import projectionsTest from "@convex-es/platform-projections/test";
import eventStoreTest from "@convex-es/platform-store/test";
import { convexTest } from "convex-test";
import { getFunctionAddress } from "convex/server";
import type { FunctionReference } from "convex/server";
import * as accountsApi from "./bankApp/accountsContext/_generated/api.js";
import * as accountsServer from "./bankApp/accountsContext/_generated/server.js";
import * as accountsHandlers from "./bankApp/accountsContext/handlers.js";
import * as accountsLimits from "./bankApp/accountsContext/limits.js";
import * as accountsQueries from "./bankApp/accountsContext/queries.js";
import accountsSchema from "./bankApp/accountsContext/schema.js";
import * as appApi from "./bankApp/convex/_generated/api.js";
import * as appServer from "./bankApp/convex/_generated/server.js";
import * as appAccountBalances from "./bankApp/convex/accountBalances.js";
import * as appAccounts from "./bankApp/convex/accounts.js";
import * as appBank from "./bankApp/convex/bank.js";
import * as appIdentity from "./bankApp/convex/identity.js";
import * as appLimits from "./bankApp/convex/limits.js";
import * as appProjectionFaults from "./bankApp/convex/projectionFaults.js";
import * as appProjections from "./bankApp/convex/projections.js";
import * as appReads from "./bankApp/convex/reads.js";
import * as appRuntime from "./bankApp/convex/runtime.js";
import appSchema from "./bankApp/convex/schema.js";
import type { MutationCtx } from "./bankApp/convex/_generated/server.js";

// Already-loaded module maps: convex-test derives each root from its `_generated` paths, and
// `convex.config.ts` stays out (app.use() throws outside Convex).
function loaded(modules: Record<string, unknown>): Record<string, () => Promise<unknown>> {
  return Object.fromEntries(
    Object.entries(modules).map(([path, module]) => [path, () => Promise.resolve(module)]),
  );
}

const appModules = loaded({
  "./bankApp/convex/_generated/api.js": appApi,
  "./bankApp/convex/_generated/server.js": appServer,
  "./bankApp/convex/accountBalances.ts": appAccountBalances,
  "./bankApp/convex/accounts.ts": appAccounts,
  "./bankApp/convex/bank.ts": appBank,
  "./bankApp/convex/identity.ts": appIdentity,
  "./bankApp/convex/limits.ts": appLimits,
  "./bankApp/convex/projectionFaults.ts": appProjectionFaults,
  "./bankApp/convex/projections.ts": appProjections,
  "./bankApp/convex/reads.ts": appReads,
  "./bankApp/convex/runtime.ts": appRuntime,
  "./bankApp/convex/schema.ts": { default: appSchema },
});

const accountsModules = loaded({
  "./bankApp/accountsContext/_generated/api.ts": accountsApi,
  "./bankApp/accountsContext/_generated/server.ts": accountsServer,
  "./bankApp/accountsContext/handlers.ts": accountsHandlers,
  "./bankApp/accountsContext/limits.ts": accountsLimits,
  "./bankApp/accountsContext/queries.ts": accountsQueries,
});

/**
 * A fresh bank app with every component registered under the name the app uses. Projection
 * jobs run on scheduled functions: drive them with fake timers.
 */
export function newBankApp() {
  const t = convexTest(appSchema, appModules);
  eventStoreTest.register(t, "eventStore");
  commandBusTest.register(t, "commandBus");
  rateLimiterTest.register(t, "rateLimiter");
  t.registerComponent("accounts", accountsSchema, accountsModules);
  projectionsTest.register(t, "projections");
  workpoolTest.register(t, "projectionPool");
  return t;
}
export type BankApp = ReturnType<typeof newBankApp>;

/** The app schema's and the accounts component schema's table names. */
export const appTables = Object.keys(appSchema.tables);
export const accountsTables = Object.keys(accountsSchema.tables);

/** A signed-in caller, with the `role` claim the bank's authorization reads. */
export function identityOf(userId: string, role?: string) {
  return {
    subject: userId,
    issuer: "https://auth.bank.test",
    tokenIdentifier: `https://auth.bank.test|${userId}`,
    ...(role !== undefined && { role }),
  };
}

/** `commandBus.lib.checkCommand` for a reference to a function of a component. */
export function componentFunctionName(reference: unknown): string {
  const address = getFunctionAddress(reference as FunctionReference<"query" | "mutation">);
  if (!("reference" in address) || address.reference === undefined) {
    throw new Error(`expected a reference to a component function, got ${JSON.stringify(address)}`);
  }
  // "_reference/childComponent/commandBus/lib/checkCommand" -> "commandBus.lib.checkCommand"
  return address.reference
    .replace(/^_reference\/childComponent\//, "")
    .split("/")
    .join(".");
}

/**
 * The running mutation's component calls, wrapped to write each function's name into `trail`
 * (queries and mutations alike) before calling it.
 */
export function tracedComponentCalls(
  ctx: MutationCtx,
  trail: string[],
): Pick<MutationCtx, "runQuery" | "runMutation"> {
  const call =
    (run: (reference: never, args: never) => Promise<unknown>) =>
    (reference: unknown, args?: unknown) => {
      trail.push(componentFunctionName(reference));
      return run(reference as never, (args ?? {}) as never);
    };
  return {
    runQuery: call(ctx.runQuery.bind(ctx)) as MutationCtx["runQuery"],
    runMutation: call(ctx.runMutation.bind(ctx)) as MutationCtx["runMutation"],
  };
}
