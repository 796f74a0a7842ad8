// The orders bounded context: a Convex component owning the orders' CMS and its handlers.
import { defineComponent } from "convex/server";

const component = defineComponent("orders");

export default component;
