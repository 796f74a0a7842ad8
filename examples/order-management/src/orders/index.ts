export { orderDecider } from "./decider.js";
export type { OrderOutput } from "./decider.js";
export {
  addOrderItem,
  cancelOrder,
  confirmOrder,
  createOrder,
  orderCMS,
  ordersContext,
  ordersContract,
  removeOrderItem,
  submitOrder,
  zId,
  zOrderItem,
} from "./definitions.js";
export { orderEvents, orderSubmitted } from "./events.js";
export { evolveOrder } from "./evolve.js";
export { orderErrorCodes } from "./messages.js";
export type {
  CustomerEnvelope,
  OrderCommand,
  OrderErrorCode,
  OrderEvent,
  OrderItem,
  StockAnswer,
} from "./messages.js";
export { orderStatus } from "./orderStatus.js";
export type { OrderStatus } from "./orderStatus.js";
export { MAX_ITEMS_PER_ORDER, totalOf } from "./state.js";
export type { Order, OrderState } from "./state.js";
