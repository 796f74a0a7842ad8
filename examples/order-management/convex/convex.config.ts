// The order-management app: the platform's components (event store, command bus, projections
// with the Workpool their catch-up jobs run in, the rate limiter, the workflow the fulfilment
// saga runs on and the event bus's Workpool) and three bounded contexts, each a component
// owning its CMS tables and handlers.
import commandBus from "@convex-es/platform-bus/convex.config";
import projections from "@convex-es/platform-projections/convex.config";
import eventStore from "@convex-es/platform-store/convex.config";
import rateLimiter from "@convex-dev/rate-limiter/convex.config";
import workflow from "@convex-dev/workflow/convex.config";
import workpool from "@convex-dev/workpool/convex.config";
import { defineApp } from "convex/server";
import { v } from "convex/values";
import customers from "../contexts/customers/convex.config.js";
import inventory from "../contexts/inventory/convex.config.js";
import orders from "../contexts/orders/convex.config.js";

// LOG_LEVEL: DEBUG, INFO (the default), WARN or ERROR for the app's JSON log lines.
const app = defineApp({ env: { LOG_LEVEL: v.optional(v.string()) } });
app.use(eventStore);
app.use(commandBus);
app.use(projections);
app.use(workpool, { name: "projectionPool" });
app.use(rateLimiter);
app.use(workflow);
app.use(workpool, { name: "eventBusPool" });
app.use(orders, { name: "orders" });
app.use(inventory, { name: "inventory" });
app.use(customers, { name: "customers" });

export default app;
