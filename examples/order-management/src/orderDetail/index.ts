export { emptyOrderDetail, orderDetailEventTypes } from "./detail.js";
export type { OrderDetail, OrderDetailEvent, ReservationStatus } from "./detail.js";
export { evolveOrderDetail } from "./evolve.js";
export { orderDetails, orderDetailView } from "./projection.js";
