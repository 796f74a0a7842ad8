// The orchestrator app's counters bounded context with the projections runtime: the
// projections component keeps checkpoints and dead letters, a Workpool runs the catch-up jobs.
import commandBus from "@convex-es/platform-bus/convex.config";
import projections from "@convex-es/platform-projections/convex.config";
import eventStore from "@convex-es/platform-store/convex.config";
import workpool from "@convex-dev/workpool/convex.config";
import { defineApp } from "convex/server";
import counters from "../../orchestratorApp/counterContext/convex.config.js";

const app = defineApp();
app.use(eventStore);
app.use(commandBus);
app.use(counters, { name: "counters" });
app.use(projections);
app.use(workpool, { name: "projectionPool" });

export default app;
