// A small app running sagas on @convex-dev/workflow: order fulfilment across stock, payment and
// order steps, with compensations, an awaited payment event and the admin functions.
import workflow from "@convex-dev/workflow/convex.config";
import { defineApp } from "convex/server";

const app = defineApp();
app.use(workflow);

export default app;
