import { defineComponent } from "convex/server";

const component = defineComponent("counters");

export default component;
