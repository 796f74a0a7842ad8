// A small app that installs the commandBus as an application would, for the package's tests.
import { defineApp } from "convex/server";
import commandBus from "../../src/component/convex.config.js";

const app = defineApp();
app.use(commandBus);

export default app;
