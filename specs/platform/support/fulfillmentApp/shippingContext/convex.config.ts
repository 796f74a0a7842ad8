import { defineComponent } from "convex/server";

const component = defineComponent("shipping");

export default component;
