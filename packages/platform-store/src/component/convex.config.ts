import { defineComponent } from "convex/server";

const component = defineComponent("eventStore");

export default component;
