// A small bank app for the business-rule specs: commands run through the CommandOrchestrator
// with the eventStore and commandBus components, the rate limiter, and the accounts bounded
// context as a component of its own (its CMS table lives in its own database). The projections
// component keeps the checkpoints of the app's projections, whose catch-up jobs run in a Workpool.
import rateLimiter from "@convex-dev/rate-limiter/convex.config";
import workpool from "@convex-dev/workpool/convex.config";
import commandBus from "@convex-es/platform-bus/convex.config";
import projections from "@convex-es/platform-projections/convex.config";
import eventStore from "@convex-es/platform-store/convex.config";
import { defineApp } from "convex/server";
import accounts from "../accountsContext/convex.config.js";

const app = defineApp();
app.use(eventStore);
app.use(commandBus);
app.use(rateLimiter);
app.use(accounts, { name: "accounts" });
app.use(projections);
app.use(workpool, { name: "projectionPool" });

export default app;
