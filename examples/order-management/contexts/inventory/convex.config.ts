// The inventory bounded context: a Convex component owning the warehouse's CMS (products,
// reservations, the scope version) and its handlers, all deciding over the warehouse scope.
import { defineComponent } from "convex/server";

const component = defineComponent("inventory");

export default component;
