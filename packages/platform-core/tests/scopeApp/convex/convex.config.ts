// A small app running scope (DCB) commands through the CommandOrchestrator: the eventStore and
// commandBus components and a warehouse bounded context holding the stock CMS and its handlers.
import commandBus from "@convex-es/platform-bus/convex.config";
import eventStore from "@convex-es/platform-store/convex.config";
import { defineApp } from "convex/server";
import warehouse from "../warehouseContext/convex.config.js";

const app = defineApp();
app.use(eventStore);
app.use(commandBus);
app.use(warehouse, { name: "warehouse" });

export default app;
