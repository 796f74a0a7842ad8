// A small app that installs @convex-dev/rate-limiter as an application would, so the package's
// tests run the rate limit adapter against the real component under convex-test.
import rateLimiter from "@convex-dev/rate-limiter/convex.config";
import { defineApp } from "convex/server";

const app = defineApp();
app.use(rateLimiter);

export default app;
