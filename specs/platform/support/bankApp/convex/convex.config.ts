// A small bank app for the business-rule specs: commands run through the CommandOrchestrator
// with the eventStore and commandBus components, the rate limiter, and the accounts bounded
// context as a component of its own (its CMS table lives in its own database).
import rateLimiter from "@convex-dev/rate-limiter/convex.config";
import commandBus from "@convex-es/platform-bus/convex.config";
import eventStore from "@convex-es/platform-store/convex.config";
import { defineApp } from "convex/server";
import accounts from "../accountsContext/convex.config.js";

const app = defineApp();
app.use(eventStore);
app.use(commandBus);
app.use(rateLimiter);
app.use(accounts, { name: "accounts" });

export default app;
