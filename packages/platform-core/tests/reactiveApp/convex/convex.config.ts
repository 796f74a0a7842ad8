// A counter view made reactive: events appended to the eventStore, the durable projection run
// by the projections runtime in a Workpool, and the reactive query clients merge on.
import projections from "@convex-es/platform-projections/convex.config";
import eventStore from "@convex-es/platform-store/convex.config";
import workpool from "@convex-dev/workpool/convex.config";
import { defineApp } from "convex/server";

const app = defineApp();
app.use(eventStore);
app.use(projections);
app.use(workpool, { name: "projectionPool" });

export default app;
