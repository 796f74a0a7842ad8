// The story `npm start` tells, on the embedded runtime: convex-test hosts the app with every
// component real. Staff stock the shop; Ada and Bob register as customers (each email reserved
// once); Ada's order is submitted (its stock reserved in one scope commit, the customer's
// snapshot in the fat OrderSubmitted) and the fulfilment saga confirms it and allocates its
// stock; Bob's order is rejected for lack of stock; Bob's second order is submitted and
// cancelled, and the reservation-release process manager releases its stock; Ada re-sends a
// command and gets the stored result. Then the read models, the sagas, the event log and the
// command statuses.
import { processManagerCommandId } from "@convex-es/platform-core";
import { api, internal } from "../../convex/_generated/api.js";
import type { Outcome } from "../../convex/platform/validators.js";
import { newEmbeddedApp } from "../../embedded/app.js";
import type { EmbeddedApp } from "../../embedded/app.js";
import { advanceClock, runBackgroundWork } from "../../embedded/clock.js";
import { people } from "../../embedded/people.js";
import type { Person } from "../../embedded/people.js";

export interface StoryStep {
  readonly actor: Person;
  readonly command: string;
  readonly commandId: string;
  readonly outcome: Outcome;
}

export interface DemoReport {
  readonly steps: StoryStep[];
  readonly readModels: Record<string, unknown>;
  readonly sagas: {
    orderId: string;
    status: string;
    attempts: number;
    failedStep?: string;
    error?: string;
  }[];
  readonly releases: { orderId: string; status: string; releasedReservationId: string | null }[];
  readonly eventLog: {
    position: number;
    stream: string;
    version: number;
    eventType: string;
    /** `domain`, or `fat` for an event carrying snapshots (OrderSubmitted). */
    category: string;
    payload: unknown;
    commandId?: string;
  }[];
  readonly commands: {
    commandId: string;
    commandType: string;
    status: string;
    causationId?: string;
    events: number;
    code?: string;
  }[];
  readonly audit: { scopeVersion: number; cmsVersion: number; mismatches: number };
}

const PRODUCTS = [
  { productId: "kbd", name: "Keyboard", unitPrice: 45, stock: 5 },
  { productId: "mouse", name: "Mouse", unitPrice: 20, stock: 2 },
  { productId: "monitor", name: "Monitor", unitPrice: 150, stock: 1 },
] as const;

type ProductId = (typeof PRODUCTS)[number]["productId"];

class Story {
  readonly steps: StoryStep[] = [];
  private sent = 0;

  constructor(readonly t: EmbeddedApp) {}

  private id(prefix: string): string {
    this.sent += 1;
    return `${prefix}-${String(this.sent).padStart(2, "0")}`;
  }

  private record(actor: Person, command: string, outcome: Outcome): Outcome {
    this.steps.push({ actor, command, commandId: outcome.commandId, outcome });
    // People take a moment between clicks; the log's positions then follow the story.
    advanceClock(1_000);
    return outcome;
  }

  private as(actor: Person) {
    return this.t.withIdentity(people[actor]);
  }

  async stock(): Promise<void> {
    for (const product of PRODUCTS) {
      const staff = this.as("sam");
      this.record(
        "sam",
        `CreateProduct ${product.productId} "${product.name}"`,
        await staff.mutation(api.inventory.commands.createProduct, {
          commandId: this.id("product"),
          productId: product.productId,
          name: product.name,
        }),
      );
      this.record(
        "sam",
        `AddStock ${product.stock} x ${product.productId}`,
        await staff.mutation(api.inventory.commands.addStock, {
          commandId: this.id("stock"),
          productId: product.productId,
          quantity: product.stock,
        }),
      );
    }
  }

  /** Registration takes its own command id, so the other commands keep their numbers. */
  async register(actor: Person, email: string): Promise<Outcome> {
    const { name } = people[actor];
    return this.record(
      actor,
      `RegisterCustomer ${name} <${email}>`,
      await this.as(actor).mutation(api.customers.commands.registerCustomer, {
        commandId: `register-${actor}`,
        name,
        email,
      }),
    );
  }

  async order(actor: Person, orderId: string, items: [ProductId, number][]): Promise<void> {
    const customer = this.as(actor);
    this.record(
      actor,
      `CreateOrder ${orderId}`,
      await customer.mutation(api.orders.commands.createOrder, {
        commandId: this.id("create"),
        orderId,
      }),
    );
    for (const [productId, quantity] of items) {
      const product = PRODUCTS.find((p) => p.productId === productId)!;
      this.record(
        actor,
        `AddOrderItem ${orderId}: ${quantity} x ${productId} at ${product.unitPrice}`,
        await customer.mutation(api.orders.commands.addOrderItem, {
          commandId: this.id("add"),
          orderId,
          item: { productId, productName: product.name, quantity, unitPrice: product.unitPrice },
        }),
      );
    }
  }

  async submit(actor: Person, orderId: string, commandId = this.id("submit")): Promise<Outcome> {
    const again = this.steps.some((step) => step.commandId === commandId);
    return this.record(
      actor,
      `SubmitOrder ${orderId}${again ? " again, same command id" : ""}`,
      await this.as(actor).mutation(api.orders.lifecycle.submitOrder, { commandId, orderId }),
    );
  }

  async cancel(actor: Person, orderId: string, reason: string): Promise<Outcome> {
    return this.record(
      actor,
      `CancelOrder ${orderId} ("${reason}")`,
      await this.as(actor).mutation(api.orders.lifecycle.cancelOrder, {
        commandId: this.id("cancel"),
        orderId,
        reason,
      }),
    );
  }
}

async function readModels(t: EmbeddedApp): Promise<Record<string, unknown>> {
  const ada = t.withIdentity(people.ada);
  return {
    "orderSummaries (view): Ada's orders": await ada.query(
      api.projections.orderSummaries.myOrders,
      {},
    ),
    "orderDetails (view): order ord-1001": await ada.query(
      api.projections.orderDetails.orderDetail,
      { orderId: "ord-1001" },
    ),
    "stockAvailability (view): the catalogue": await t.query(
      api.projections.stockAvailability.availableStock,
      {},
    ),
    "salesDashboard (reporting): as admin Ann": await t
      .withIdentity(people.ann)
      .query(api.projections.salesDashboard.dashboard, {}),
    "shippingFeed (integration, server only): ready to ship": await t.query(
      internal.projections.shippingFeed.ordersForShipping,
      { status: "ready_to_ship" },
    ),
    "orderExistence (logic, server only): ord-1003 / ord-9999 taken": [
      await t.query(internal.projections.orderExistence.orderExists, { orderId: "ord-1003" }),
      await t.query(internal.projections.orderExistence.orderExists, { orderId: "ord-9999" }),
    ],
  };
}

async function eventLog(t: EmbeddedApp): Promise<DemoReport["eventLog"]> {
  const events: DemoReport["eventLog"] = [];
  let after = 0;
  for (;;) {
    const page = await t.query(internal.admin.eventLog, { after, limit: 500 });
    for (const event of page.events) {
      events.push({
        position: event.globalPosition,
        stream: `${event.streamType}/${event.streamId}`,
        version: event.version,
        eventType: event.eventType,
        category: event.category,
        payload: event.payload,
        ...(event.metadata.commandId !== undefined && { commandId: event.metadata.commandId }),
      });
    }
    if (page.isDone) return events;
    after = page.nextPosition;
  }
}

/** The record of every command the story sent, and of the commands they caused. */
async function commandStatuses(
  t: EmbeddedApp,
  steps: StoryStep[],
  backgroundCommands: string[],
): Promise<DemoReport["commands"]> {
  const ids = [
    ...[...new Set(steps.map((step) => step.commandId))].flatMap((id) => [id, `${id}:reserve`]),
    ...backgroundCommands,
  ];
  const commands: DemoReport["commands"] = [];
  for (const commandId of ids) {
    const record = await t.query(internal.admin.command, { commandId });
    if (record === null) continue;
    const code = (record.result as { code?: string } | undefined)?.code;
    commands.push({
      commandId,
      commandType: record.commandType,
      status: record.status,
      ...(record.causationId !== undefined && { causationId: record.causationId }),
      events: record.eventIds?.length ?? 0,
      ...(code !== undefined && { code }),
    });
  }
  return commands;
}

/** The commands a fulfilment saga may send, by the action its command id ends with. */
const SAGA_ACTIONS = [
  "reserve",
  "confirmOrder",
  "confirmReservation",
  "cancelOrder",
  "releaseReservation",
];

/** The fulfilment saga and the reservation release of each order, and the commands they sent. */
async function fulfilmentOf(
  t: EmbeddedApp,
  orderIds: string[],
): Promise<Pick<DemoReport, "sagas" | "releases"> & { commandIds: string[] }> {
  const sagas: DemoReport["sagas"] = [];
  const releases: DemoReport["releases"] = [];
  const commandIds: string[] = [];
  for (const orderId of orderIds) {
    const saga = await t.query(internal.fulfilment.sagaAdmin.sagaOf, { orderId });
    if (saga !== null) {
      const { status, attempts, failedStep, error } = saga;
      sagas.push({
        orderId,
        status,
        attempts,
        ...(failedStep !== undefined && { failedStep }),
        ...(error !== undefined && { error }),
      });
      for (const action of SAGA_ACTIONS) commandIds.push(`orderFulfillment:${orderId}:${action}`);
    }
    const instance = await t.query(internal.fulfilment.reservationRelease.getInstance, {
      orderId,
    });
    if (instance !== null) {
      const state = instance.state as { releasedReservationId: string | null };
      releases.push({
        orderId,
        status: instance.status,
        releasedReservationId: state.releasedReservationId,
      });
      if (instance.lastEventId !== undefined) {
        commandIds.push(
          processManagerCommandId("reservationRelease", orderId, instance.lastEventId, 0),
        );
      }
    }
  }
  return { sagas, releases, commandIds };
}

/** The story's turning points; a different outcome means the app changed, and the demo stops. */
function expectOutcome(outcome: Outcome, status: Outcome["status"], what: string, code?: string) {
  const actual = outcome.status === "rejected" ? `rejected ${outcome.result.code}` : outcome.status;
  const expected = code === undefined ? status : `${status} ${code}`;
  if (actual !== expected) {
    throw new Error(`the demo expected ${what} to be ${expected}, but it was ${actual}`);
  }
}

export async function runStory(): Promise<DemoReport> {
  const t = newEmbeddedApp();
  const story = new Story(t);
  await story.stock();
  for (const actor of ["ada", "bob"] as const) {
    const registered = await story.register(actor, `${actor}@example.com`);
    expectOutcome(registered, "executed", `${people[actor].name}'s registration`);
  }

  await story.order("ada", "ord-1001", [
    ["kbd", 2],
    ["mouse", 1],
  ]);
  const adaSubmit = await story.submit("ada", "ord-1001");
  expectOutcome(adaSubmit, "executed", "Ada's submission");
  // The saga runs from the log: once the submission is past the settle window.
  await runBackgroundWork(t);

  await story.order("bob", "ord-1002", [
    ["kbd", 1],
    ["mouse", 2],
  ]);
  const short = await story.submit("bob", "ord-1002");
  expectOutcome(short, "rejected", "Bob's submission of ord-1002", "INSUFFICIENT_STOCK");

  await story.order("bob", "ord-1003", [
    ["monitor", 1],
    ["kbd", 1],
  ]);
  expectOutcome(await story.submit("bob", "ord-1003"), "executed", "Bob's submission of ord-1003");
  const cancelled = await story.cancel("bob", "ord-1003", "found a cheaper one");
  expectOutcome(cancelled, "executed", "Bob's cancellation");

  const again = await story.submit("ada", "ord-1001", adaSubmit.commandId);
  if (!again.duplicate || JSON.stringify(again.result) !== JSON.stringify(adaSubmit.result)) {
    throw new Error("the demo expected the re-sent submission to return the stored result");
  }

  await runBackgroundWork(t);
  const audit = await t.query(internal.admin.auditWarehouse, {});
  const fulfilment = await fulfilmentOf(t, ["ord-1001", "ord-1003"]);
  return {
    steps: story.steps,
    readModels: await readModels(t),
    ...fulfilment,
    eventLog: await eventLog(t),
    commands: await commandStatuses(t, story.steps, fulfilment.commandIds),
    audit: {
      scopeVersion: audit.scopeVersion,
      cmsVersion: audit.cmsVersion,
      mismatches: audit.mismatches.length,
    },
  };
}
