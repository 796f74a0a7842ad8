// An app publishing events on the event bus: the eventStore and commandBus components, the
// counters bounded context of the orchestrator test app (a component, used here as any app
// would use it), and one Workpool per delivery priority.
import workpool from "@convex-dev/workpool/convex.config";
import commandBus from "@convex-es/platform-bus/convex.config";
import eventStore from "@convex-es/platform-store/convex.config";
import { defineApp } from "convex/server";
import counters from "../../orchestratorApp/counterContext/convex.config.js";

const app = defineApp();
app.use(eventStore);
app.use(commandBus);
app.use(counters, { name: "counters" });
app.use(workpool, { name: "eventBusPool" });
app.use(workpool, { name: "eventBusHighPool" });

export default app;
