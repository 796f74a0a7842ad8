import { defineComponent } from "convex/server";

const component = defineComponent("payments");

export default component;
