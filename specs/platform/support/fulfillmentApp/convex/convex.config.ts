// An order fulfilment app for the saga specs: the app hosts the orders context and runs the
// fulfilment saga on @convex-dev/workflow across three bounded contexts installed as
// components, each with its own database: inventory, payments and shipping.
import workflow from "@convex-dev/workflow/convex.config";
import { defineApp } from "convex/server";
import inventory from "../inventoryContext/convex.config.js";
import payments from "../paymentsContext/convex.config.js";
import shipping from "../shippingContext/convex.config.js";

const app = defineApp();
app.use(workflow);
app.use(inventory, { name: "inventory" });
app.use(payments, { name: "payments" });
app.use(shipping, { name: "shipping" });

export default app;
