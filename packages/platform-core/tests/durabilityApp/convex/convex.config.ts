// A small app using the durability helpers as an application would: the eventStore, one
// Workpool per kind of durable work, the action retrier, and the app-owned durability tables.
import actionRetrier from "@convex-dev/action-retrier/convex.config";
import workpool from "@convex-dev/workpool/convex.config";
import eventStore from "@convex-es/platform-store/convex.config";
import { defineApp } from "convex/server";

const app = defineApp();
app.use(eventStore);
app.use(workpool, { name: "durableAppendPool" });
app.use(workpool, { name: "dcbRetryPool" });
app.use(actionRetrier);

export default app;
