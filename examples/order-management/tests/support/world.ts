// The state of one scenario on the embedded app, and the actions the steps share.
import { fileURLToPath } from "node:url";
import { expect, vi } from "vitest";
import { api, components, internal } from "../../convex/_generated/api.js";
import type { Outcome } from "../../convex/platform/validators.js";
import { newEmbeddedApp } from "../../embedded/app.js";
import type { EmbeddedApp } from "../../embedded/app.js";
import { people } from "../../embedded/people.js";
import type { Person } from "../../embedded/people.js";

export function featurePath(name: string): string {
  return fileURLToPath(new URL(`../features/${name}`, import.meta.url));
}

export interface World {
  t: EmbeddedApp;
  /** The outcome of every command sent, by command id. */
  outcomes: Map<string, Outcome>;
  last: Outcome | undefined;
  error: unknown;
  sent: number;
  /** The people registered as customers so far. */
  registered: Set<string>;
}

/** A fresh app on fake timers: Workpool jobs and scheduled functions run when told to. */
export function newWorld(): World {
  vi.useFakeTimers();
  return {
    t: newEmbeddedApp(),
    outcomes: new Map(),
    last: undefined,
    error: undefined,
    sent: 0,
    registered: new Set(),
  };
}

export function as(world: World, person: string) {
  if (!(person in people)) throw new Error(`no such person in the scenario: ${person}`);
  return world.t.withIdentity(people[person as Person]);
}

/** Unit prices of the catalogue the scenarios order from. */
const PRICES: Record<string, number> = { kbd: 45, mouse: 20, cable: 5, monitor: 150 };

/** "kbd:2, mouse:1" -> [["kbd", 2], ["mouse", 1]]. */
export function quantities(text: string): [string, number][] {
  return text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const [id, quantity] = entry.split(":");
      return [id!, Number(quantity)];
    });
}

/** A command id for actions whose id the scenario does not name. */
function nextId(world: World, prefix: string): string {
  world.sent += 1;
  return `${prefix}-${world.sent}`;
}

export function remember(world: World, outcome: Outcome): Outcome {
  world.outcomes.set(outcome.commandId, outcome);
  world.last = outcome;
  return outcome;
}

export function lastOutcome(world: World): Outcome {
  if (world.last === undefined) throw new Error("no command was sent");
  return world.last;
}

/** Staff create the products and stock them. */
export async function stockShop(world: World, stock: string): Promise<void> {
  const staff = as(world, "sam");
  for (const [productId, quantity] of quantities(stock)) {
    const created = await staff.mutation(api.inventory.commands.createProduct, {
      commandId: nextId(world, "product"),
      productId,
      name: productId.toUpperCase(),
    });
    expect(created.status).toBe("executed");
    const added = await staff.mutation(api.inventory.commands.addStock, {
      commandId: nextId(world, "stock"),
      productId,
      quantity,
    });
    expect(added.status).toBe("executed");
  }
}

/** `person` registers as a customer; the email defaults to `<subject>@example.com`. */
export async function register(
  world: World,
  person: string,
  options: { email?: string; name?: string; commandId?: string } = {},
): Promise<Outcome> {
  const outcome = remember(
    world,
    await as(world, person).mutation(api.customers.commands.registerCustomer, {
      commandId: options.commandId ?? nextId(world, "register"),
      name: options.name ?? people[person as Person].name,
      email: options.email ?? `${person}@example.com`,
    }),
  );
  if (outcome.status === "executed") world.registered.add(person);
  return outcome;
}

/** Orders need a registered customer: registers `person` unless they are already. */
export async function ensureRegistered(world: World, person: string): Promise<void> {
  if (world.registered.has(person)) return;
  expect((await register(world, person)).status).toBe("executed");
}

/** A customer (registered first if need be) creates an order and adds its items. */
export async function draftOrder(
  world: World,
  person: string,
  orderId: string,
  items: string,
): Promise<void> {
  await ensureRegistered(world, person);
  const customer = as(world, person);
  const created = await customer.mutation(api.orders.commands.createOrder, {
    commandId: nextId(world, "create"),
    orderId,
  });
  expect(created.status).toBe("executed");
  for (const [productId, quantity] of quantities(items)) {
    const added = await customer.mutation(api.orders.commands.addOrderItem, {
      commandId: nextId(world, "add"),
      orderId,
      item: {
        productId,
        productName: productId.toUpperCase(),
        quantity,
        unitPrice: PRICES[productId] ?? 1,
      },
    });
    expect(added.status).toBe("executed");
  }
}

export async function submit(world: World, person: string, orderId: string, commandId?: string) {
  return remember(
    world,
    await as(world, person).mutation(api.orders.lifecycle.submitOrder, {
      commandId: commandId ?? nextId(world, "submit"),
      orderId,
    }),
  );
}

export async function cancel(world: World, person: string, orderId: string, commandId?: string) {
  return remember(
    world,
    await as(world, person).mutation(api.orders.lifecycle.cancelOrder, {
      commandId: commandId ?? nextId(world, "cancel"),
      orderId,
      reason: "changed my mind",
    }),
  );
}

/** The warehouse's stock as the inventory CMS holds it: "kbd: 5 on hand, 2 reserved; ...". */
export async function warehouseStock(world: World): Promise<string> {
  const levels = await world.t.run((ctx) =>
    ctx.runQuery(components.inventory.queries.stockLevels, { warehouseId: "main", limit: 100 }),
  );
  return levels.products
    .map((p) => `${p.productId}: ${p.onHand} on hand, ${p.reserved} reserved`)
    .join("; ");
}

export async function commandRecord(world: World, commandId: string) {
  return await world.t.query(internal.admin.command, { commandId });
}

export async function order(world: World, orderId: string) {
  return await world.t.run((ctx) => ctx.runQuery(components.orders.queries.getOrder, { orderId }));
}

/** Runs `action`, keeping what it threw. */
export async function capture(world: World, action: () => Promise<unknown>): Promise<void> {
  world.error = undefined;
  try {
    await action();
  } catch (error) {
    world.error = error;
  }
}

/** The code and message of the ConvexError the last action threw. */
export function thrownCode(world: World): { code: string; message: string } {
  const data = (world.error as { data?: { code?: string; message?: string } } | undefined)?.data;
  if (data?.code === undefined)
    throw new Error(`expected a ConvexError, got ${String(world.error)}`);
  return { code: data.code, message: data.message ?? "" };
}
