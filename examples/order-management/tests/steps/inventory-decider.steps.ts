import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { fold } from "@convex-es/platform-decider";
import { deciderSpec } from "@convex-es/platform-decider/testing";
import { assertCannotTransition } from "@convex-es/platform-fsm/testing";
import {
  availableOf,
  inventoryDecider,
  RESERVATION_TTL_MS,
  reservationStatus,
} from "../../src/inventory/index.js";
import type {
  InventoryCommand,
  InventoryEvent,
  InventoryState,
  StockLine,
} from "../../src/inventory/index.js";

const feature = await loadFeature(
  fileURLToPath(new URL("../features/inventory-decider.feature", import.meta.url)),
);

const spec = deciderSpec(inventoryDecider, {
  context: { now: 1000, commandId: "cmd-1", correlationId: "corr-1" },
});
type Decided = ReturnType<ReturnType<typeof spec.given>["when"]>;

/** "kbd:2, mouse:1" -> lines; "" -> none. */
function linesOf(text: string): StockLine[] {
  return text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const [productId, quantity] = entry.split(":");
      return { productId: productId!, quantity: Number(quantity) };
    });
}

/** "StockReserved kbd": the event type and the product or reservation it is about. */
function described(event: InventoryEvent): string {
  const data = event.data as { productId?: string; reservationId?: string };
  return `${event.type} ${data.productId ?? data.reservationId}`;
}

describeFeature(feature, ({ Background, Rule, defineSteps }) => {
  let history: InventoryEvent[] = [];
  let result: Decided | undefined;
  const decided = (): Decided => {
    if (result === undefined) throw new Error("nothing was decided");
    return result;
  };
  const state = (): InventoryState => fold(inventoryDecider, history);
  const decide = (command: InventoryCommand, now = 1000) =>
    spec.given(history).when(command, { now });
  /** Decides and keeps the events, as a committed command would. */
  const commit = (command: InventoryCommand) => {
    const output = decide(command).output;
    if (output.status !== "success") throw new Error(`${command.type} was ${output.status}`);
    history = [...history, ...output.events];
  };

  Background(({ Given }) => {
    Given(
      "a warehouse where {string} holds {int} and {string} holds {int}",
      (_ctx, kbd: string, kbdStock: number, mouse: string, mouseStock: number) => {
        // The Background runs first in every scenario: it starts the scenario's state.
        history = [];
        result = undefined;
        commit({ type: "CreateProduct", data: { productId: kbd, name: "Keyboard" } });
        commit({ type: "AddStock", data: { productId: kbd, quantity: kbdStock } });
        commit({ type: "CreateProduct", data: { productId: mouse, name: "Mouse" } });
        commit({ type: "AddStock", data: { productId: mouse, quantity: mouseStock } });
      },
    );
  });

  defineSteps(({ Given, When, Then, And }) => {
    Given(
      "reservation {string} already reserves {string}",
      (_ctx, reservationId: string, lines: string) => {
        commit({
          type: "ReserveStock",
          data: { reservationId, orderId: reservationId, lines: linesOf(lines) },
        });
      },
    );
    And(
      "reservation {string} already reserves {string}",
      (_ctx, reservationId: string, lines: string) => {
        commit({
          type: "ReserveStock",
          data: { reservationId, orderId: reservationId, lines: linesOf(lines) },
        });
      },
    );
    When(
      "reservation {string} reserves {string} at time {int}",
      (_ctx, reservationId: string, lines: string, now: number) => {
        result = decide(
          {
            type: "ReserveStock",
            data: { reservationId, orderId: reservationId, lines: linesOf(lines) },
          },
          now,
        );
      },
    );
    Then("the events are {string}", (_ctx, events: string) => {
      const output = decided().output;
      expect(output.status).toBe("success");
      expect(output.status === "success" ? output.events.map(described) : []).toEqual(
        events.split(", "),
      );
    });
    Then("it is rejected with {string}", (_ctx, code: string) => {
      decided().thenRejected(code);
      expect(decided().output).toMatchObject({ message: expect.any(String) });
    });
    And(
      "{string} has {int} available and {string} has {int} available",
      (_ctx, first: string, firstAvailable: number, second: string, secondAvailable: number) => {
        const after = decided().state;
        expect(availableOf(after.products[first]!)).toBe(firstAvailable);
        expect(availableOf(after.products[second]!)).toBe(secondAvailable);
      },
    );
    And(
      "{string} has {int} on hand and {int} reserved",
      (_ctx, productId: string, onHand: number, reserved: number) => {
        expect(decided().state.products[productId]).toMatchObject({ onHand, reserved });
      },
    );
  });

  Rule("A reservation takes every line or none", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenario("Every line in stock is reserved in one decision", ({ And }) => {
      And(
        "reservation {string} is held until {int}",
        (_ctx, reservationId: string, expiresAt: number) => {
          expect(expiresAt).toBe(1000 + RESERVATION_TTL_MS);
          expect(decided().state.reservations[reservationId]).toMatchObject({
            status: "held",
            expiresAt,
            lines: linesOf("kbd:2, mouse:1"),
          });
          expect(decided().output).toMatchObject({ data: { reservationId, expiresAt } });
        },
      );
    });

    RuleScenario("One short line rejects the whole reservation and names it", ({ Then, And }) => {
      Then(
        "it is rejected with {string} and the message names {string}",
        (_ctx, code: string, named: string) => {
          decided().thenRejected(code);
          const output = decided().output as { message: string };
          expect(output.message).toContain(named);
          expect(output.message).toContain("nothing was reserved");
          // Nothing changed: the state after a rejection is the state before.
          expect(decided().state).toEqual(state());
        },
      );
      And("the shortages are {string}", (_ctx, shortage: string) => {
        const [productId, rest] = shortage.split(": ");
        const [requested, available] = rest!.match(/\d+/g)!.map(Number);
        expect(decided().output).toMatchObject({
          context: { shortages: [{ productId, requested, available }] },
        });
      });
    });

    RuleScenarioOutline("A reservation that cannot be decided on is refused", () => {});
  });

  Rule("Reserved stock is allocated, released or expired, once", ({ RuleScenario }) => {
    RuleScenario("Confirming allocates the reserved stock", ({ When }) => {
      When(
        "reservation {string} is confirmed at time {int}",
        (_ctx, reservationId: string, now: number) => {
          result = decide({ type: "ConfirmReservation", data: { reservationId } }, now);
        },
      );
    });

    RuleScenario("A reservation past its expiry cannot be confirmed", ({ When }) => {
      When(
        "reservation {string} is confirmed at time {int}",
        (_ctx, reservationId: string, now: number) => {
          result = decide({ type: "ConfirmReservation", data: { reservationId } }, now);
        },
      );
    });

    RuleScenario(
      "Releasing gives the stock back, and a released reservation stays released",
      ({ When, And }) => {
        When("reservation {string} is released", (_ctx, reservationId: string) => {
          result = decide({ type: "ReleaseReservation", data: { reservationId, reason: "test" } });
        });
        And(
          "releasing reservation {string} again is rejected with {string}",
          (_ctx, reservationId: string, code: string) => {
            const output = decided().output;
            if (output.status !== "success") throw new Error("the first release was refused");
            history = [...history, ...output.events];
            decide({
              type: "ReleaseReservation",
              data: { reservationId, reason: "again" },
            }).thenRejected(code);
          },
        );
      },
    );

    RuleScenario("Reservations past their expiry expire together", ({ When }) => {
      When("reservations {string} expire at time {int}", (_ctx, ids: string, now: number) => {
        result = decide(
          { type: "ExpireReservations", data: { reservationIds: ids.split(", ") } },
          now,
        );
      });
    });

    RuleScenario("A reservation not yet due does not expire", ({ When }) => {
      When("reservations {string} expire at time {int}", (_ctx, ids: string, now: number) => {
        result = decide(
          { type: "ExpireReservations", data: { reservationIds: ids.split(", ") } },
          now,
        );
      });
    });

    RuleScenario("An expired reservation never returns to held", ({ Then }) => {
      Then(
        "the reservation status machine refuses {string} to {string}",
        (_ctx, from: string, to: string) => {
          assertCannotTransition(reservationStatus, from as "expired", to as "held");
        },
      );
    });
  });

  Rule("The catalogue and its stock", ({ RuleScenario }) => {
    RuleScenario("Stock is added in whole units to products that exist", ({ When, And }) => {
      When("{int} of {string} are added", (_ctx, quantity: number, productId: string) => {
        result = decide({ type: "AddStock", data: { productId, quantity } });
      });
      And(
        "adding {int} of {string} is rejected with {string}",
        (_ctx, quantity: number, productId: string, code: string) => {
          decide({ type: "AddStock", data: { productId, quantity } }).thenRejected(code);
        },
      );
      And(
        "creating product {string} again is rejected with {string}",
        (_ctx, productId: string, code: string) => {
          decide({ type: "CreateProduct", data: { productId, name: "Again" } }).thenRejected(code);
        },
      );
    });

    RuleScenario("The warehouse folds from its events alone", ({ Then }) => {
      Then(
        "folding every event of the warehouse from nothing gives {string} {int} on hand, {int} reserved",
        (_ctx, productId: string, onHand: number, reserved: number) => {
          const rebuilt = history.reduce(inventoryDecider.evolve, inventoryDecider.initialState);
          expect(rebuilt.products[productId]).toMatchObject({ onHand, reserved });
          expect(rebuilt).toEqual(state());
        },
      );
    });
  });
});
