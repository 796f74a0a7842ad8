import { defineDecider, rejected, success } from "@convex-es/platform-decider";
import type { DecisionContext, DeciderOutput } from "@convex-es/platform-decider";
import { orderSubmitted } from "./events.js";
import { evolveOrder } from "./evolve.js";
import type {
  OrderCommand,
  OrderErrorCode,
  OrderEvent,
  OrderItem,
  StockAnswer,
} from "./messages.js";
import { MAX_ITEMS_PER_ORDER, totalOf } from "./state.js";
import type { Order, OrderState } from "./state.js";

export type OrderOutput = DeciderOutput<OrderEvent, { orderId: string; totalAmount: number }>;

function reject(code: OrderErrorCode, message: string, context?: Record<string, unknown>) {
  return rejected(code, message, context);
}

function decideOrder(
  state: OrderState,
  command: OrderCommand,
  context: DecisionContext,
): OrderOutput {
  if (command.type === "CreateOrder") {
    if (state !== null) {
      return reject("ORDER_ALREADY_EXISTS", `Order ${state.orderId} already exists`);
    }
    const { orderId, customerId } = command.data;
    if (command.data.customer?.customerId !== customerId) return notRegistered(customerId);
    return success(
      { type: "OrderCreated", data: { orderId, customerId, createdAt: context.now } },
      { data: { orderId: command.data.orderId, totalAmount: 0 } },
    );
  }
  if (state === null) {
    return reject("ORDER_NOT_FOUND", "No order exists with this id; create it first");
  }
  switch (command.type) {
    case "AddOrderItem":
      return addItem(state, command.data.item);
    case "RemoveOrderItem":
      return removeItem(state, command.data.productId);
    case "SubmitOrder":
      return submit(state, command.data, context);
    case "ConfirmOrder":
      return confirm(state, command.data.stock, context);
    case "CancelOrder":
      return cancel(state, command.data.reason, context);
    default: {
      const unhandled: never = command;
      throw new Error(`Unhandled order command ${JSON.stringify(unhandled)}`);
    }
  }
}

function requireDraft(order: Order): OrderOutput | null {
  return order.status === "draft"
    ? null
    : reject(
        "ORDER_NOT_IN_DRAFT",
        `Items can only change while the order is a draft; it is ${order.status}`,
        {
          status: order.status,
        },
      );
}

function addItem(order: Order, item: OrderItem): OrderOutput {
  const notDraft = requireDraft(order);
  if (notDraft) return notDraft;
  if (!Number.isInteger(item.quantity) || item.quantity <= 0) {
    return reject("INVALID_QUANTITY", `Quantity must be a positive integer, got ${item.quantity}`);
  }
  if (!(item.unitPrice >= 0)) {
    return reject("INVALID_PRICE", `Unit price must be zero or more, got ${item.unitPrice}`);
  }
  if (order.items.some((existing) => existing.productId === item.productId)) {
    return reject(
      "ITEM_ALREADY_IN_ORDER",
      `Product ${item.productId} is already in order ${order.orderId}; remove it first to change its quantity`,
      { productId: item.productId },
    );
  }
  if (order.items.length >= MAX_ITEMS_PER_ORDER) {
    return reject("ORDER_TOO_MANY_ITEMS", `An order holds at most ${MAX_ITEMS_PER_ORDER} items`);
  }
  const totalAmount = totalOf([...order.items, item]);
  return success(
    { type: "OrderItemAdded", data: { orderId: order.orderId, item, totalAmount } },
    { data: { orderId: order.orderId, totalAmount } },
  );
}

function removeItem(order: Order, productId: string): OrderOutput {
  const notDraft = requireDraft(order);
  if (notDraft) return notDraft;
  const remaining = order.items.filter((item) => item.productId !== productId);
  if (remaining.length === order.items.length) {
    return reject("ITEM_NOT_IN_ORDER", `Product ${productId} is not in order ${order.orderId}`);
  }
  const totalAmount = totalOf(remaining);
  return success(
    { type: "OrderItemRemoved", data: { orderId: order.orderId, productId, totalAmount } },
    { data: { orderId: order.orderId, totalAmount } },
  );
}

/** The stock inventory refused, as this command's rejection; a missing answer is refused too. */
function stockRefusal(stock: StockAnswer | undefined, what: string): OrderOutput | null {
  if (stock === undefined) {
    return reject(
      "STOCK_NOT_CHECKED",
      `${what} needs inventory's answer for its stock; the app asks inventory before deciding`,
    );
  }
  return stock.status === "refused" ? rejected(stock.code, stock.message, stock.context) : null;
}

/**
 * An order belongs to a registered customer: the customers context's answer (`customer`) must
 * name them; its absence means they never registered.
 */
function notRegistered(customerId: string): OrderOutput {
  return reject(
    "CUSTOMER_NOT_REGISTERED",
    `Customer ${customerId} is not registered; register (name and email) before ordering`,
    { customerId },
  );
}

function submit(
  order: Order,
  data: Extract<OrderCommand, { type: "SubmitOrder" }>["data"],
  context: DecisionContext,
): OrderOutput {
  const notDraft = requireDraft(order);
  if (notDraft) return notDraft;
  if (order.items.length === 0) {
    return reject("ORDER_HAS_NO_ITEMS", "An order needs at least one item to be submitted");
  }
  const { customer } = data;
  if (customer?.customerId !== order.customerId) return notRegistered(order.customerId);
  const refused = stockRefusal(data.stock, "Submitting an order");
  if (refused) return refused;
  // The customer as read for this command, at the command's time: the event says who ordered
  // even after the customer changes their details.
  const submitted = orderSubmitted.build({
    data: {
      orderId: order.orderId,
      customerId: order.customerId,
      items: order.items,
      totalAmount: order.totalAmount,
      submittedAt: context.now,
    },
    snapshots: { customer },
    capturedAt: context.now,
  });
  return success(
    { type: "OrderSubmitted", data: submitted.payload },
    { data: { orderId: order.orderId, totalAmount: order.totalAmount } },
  );
}

function confirm(
  order: Order,
  stock: StockAnswer | undefined,
  context: DecisionContext,
): OrderOutput {
  if (order.status !== "submitted") {
    return reject(
      "ORDER_NOT_SUBMITTED",
      `Only a submitted order can be confirmed; this one is ${order.status}`,
      { status: order.status },
    );
  }
  const refused = stockRefusal(stock, "Confirming an order");
  if (refused) return refused;
  return success(
    {
      type: "OrderConfirmed",
      data: { orderId: order.orderId, totalAmount: order.totalAmount, confirmedAt: context.now },
    },
    { data: { orderId: order.orderId, totalAmount: order.totalAmount } },
  );
}

function cancel(order: Order, reason: string, context: DecisionContext): OrderOutput {
  if (order.status === "confirmed" || order.status === "cancelled") {
    const code =
      order.status === "cancelled" ? "ORDER_ALREADY_CANCELLED" : "ORDER_ALREADY_CONFIRMED";
    return reject(code, `A ${order.status} order cannot be cancelled`, { status: order.status });
  }
  return success({
    type: "OrderCancelled",
    data: {
      orderId: order.orderId,
      reason,
      previousStatus: order.status,
      totalAmount: order.totalAmount,
      cancelledAt: context.now,
    },
  });
}

export const orderDecider = defineDecider({
  initialState: null as OrderState,
  decide: decideOrder,
  evolve: evolveOrder,
});
