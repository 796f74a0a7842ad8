import { defineComponent } from "convex/server";

const component = defineComponent("commandBus");

export default component;
