// A small app that installs the projections component as an application would, for the
// package's tests.
import { defineApp } from "convex/server";
import projections from "../../src/component/convex.config.js";

const app = defineApp();
app.use(projections);

export default app;
