import { defineComponent } from "convex/server";

const component = defineComponent("accounts");

export default component;
