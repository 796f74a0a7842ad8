// A small app running commands through the CommandOrchestrator: the eventStore and commandBus
// components, and a bounded context of its own (counters) holding the CMS and the handlers. The
// rate limiter backs the rate limit middleware of rateLimited.ts.
import rateLimiter from "@convex-dev/rate-limiter/convex.config";
import commandBus from "@convex-es/platform-bus/convex.config";
import eventStore from "@convex-es/platform-store/convex.config";
import { defineApp } from "convex/server";
import counters from "../counterContext/convex.config.js";

const app = defineApp();
app.use(eventStore);
app.use(commandBus);
app.use(counters, { name: "counters" });
app.use(rateLimiter);

export default app;
