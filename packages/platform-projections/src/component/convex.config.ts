import { defineComponent } from "convex/server";

const component = defineComponent("projections");

export default component;
