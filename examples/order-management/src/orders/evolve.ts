import type { OrderEvent } from "./messages.js";
import { orderStatus } from "./orderStatus.js";
import type { Order, OrderState } from "./state.js";

/** Folds one event into the order. Amounts come from the event; nothing is recomputed. */
export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  if (event.type === "OrderCreated") {
    return {
      orderId: event.data.orderId,
      customerId: event.data.customerId,
      status: orderStatus.initial,
      items: [],
      totalAmount: 0,
      updatedAt: event.data.createdAt,
    };
  }
  if (state === null) {
    throw new Error(`${event.type} cannot be applied to an order that was never created`);
  }
  return evolveExisting(state, event);
}

function evolveExisting(order: Order, event: Exclude<OrderEvent, { type: "OrderCreated" }>): Order {
  switch (event.type) {
    case "OrderItemAdded":
      return {
        ...order,
        items: [...order.items, event.data.item],
        totalAmount: event.data.totalAmount,
      };
    case "OrderItemRemoved":
      return {
        ...order,
        items: order.items.filter((item) => item.productId !== event.data.productId),
        totalAmount: event.data.totalAmount,
      };
    case "OrderSubmitted":
      return {
        ...order,
        status: orderStatus.transition(order.status, "submitted"),
        items: event.data.items,
        totalAmount: event.data.totalAmount,
        updatedAt: event.data.submittedAt,
      };
    case "OrderConfirmed":
      return {
        ...order,
        status: orderStatus.transition(order.status, "confirmed"),
        updatedAt: event.data.confirmedAt,
      };
    case "OrderCancelled":
      return {
        ...order,
        status: orderStatus.transition(order.status, "cancelled"),
        updatedAt: event.data.cancelledAt,
      };
    default: {
      const unhandled: never = event;
      throw new Error(`Unhandled order event ${JSON.stringify(unhandled)}`);
    }
  }
}
