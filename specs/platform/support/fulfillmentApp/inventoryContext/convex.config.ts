import { defineComponent } from "convex/server";

const component = defineComponent("inventory");

export default component;
