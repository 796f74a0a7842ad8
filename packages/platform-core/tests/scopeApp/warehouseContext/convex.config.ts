import { defineComponent } from "convex/server";

const component = defineComponent("warehouse");

export default component;
