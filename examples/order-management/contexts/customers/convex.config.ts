// The customers bounded context: a Convex component owning the customers' CMS and its handlers.
import { defineComponent } from "convex/server";

const component = defineComponent("customers");

export default component;
