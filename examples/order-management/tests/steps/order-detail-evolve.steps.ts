import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import type { StepTest } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import { emptyOrderDetail } from "../../src/orderDetail/detail.js";
import type { OrderDetail, OrderDetailEvent } from "../../src/orderDetail/detail.js";
import { evolveOrderDetail } from "../../src/orderDetail/evolve.js";
import { describeDetail, orderDetailEvents } from "../support/orderDetailText.js";
import { featurePath } from "../support/world.js";

const feature = await loadFeature(featurePath("order-detail-evolve.feature"));

const fold = (events: readonly OrderDetailEvent[], from: OrderDetail = emptyOrderDetail) =>
  events.reduce(evolveOrderDetail, from);

/** Every merge of `a` and `b` that keeps the order within each. */
function interleavings<T>(a: readonly T[], b: readonly T[]): T[][] {
  if (a.length === 0) return [[...b]];
  if (b.length === 0) return [[...a]];
  return [
    ...interleavings(a.slice(1), b).map((rest) => [a[0]!, ...rest]),
    ...interleavings(a, b.slice(1)).map((rest) => [b[0]!, ...rest]),
  ];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const lines = (text: string) => text.split(";");

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  let orderId = "";
  let order: OrderDetailEvent[] = [];
  let reservation: OrderDetailEvent[] = [];
  let detail: OrderDetail | null = null;
  let folds: OrderDetail[] = [];
  let frozen: OrderDetail = emptyOrderDetail;
  BeforeEachScenario(() => {
    order = [];
    reservation = [];
    detail = null;
    folds = [];
  });

  const givenOrder = (s: StepTest) =>
    s.Given("the order {string} events {string}", (_ctx, id: string, text: string) => {
      orderId = id;
      order = orderDetailEvents(id, lines(text));
    });
  const givenReservation = (s: StepTest) =>
    s.And("its reservation events {string}", (_ctx, text: string) => {
      reservation = orderDetailEvents(orderId, lines(text));
    });
  const thenDetail = (s: StepTest) =>
    s.Then("the detail is {string}", (_ctx, text: string) => {
      expect(describeDetail(detail)).toBe(text);
    });
  const foldsBoth = (s: StepTest) =>
    s.When("the detail folds the order's events, then the reservation's", () => {
      detail = fold([...order, ...reservation]);
    });

  Rule("The detail is the order's events and its reservation's, folded", ({ RuleScenario }) => {
    for (const title of [
      "A submitted order with its reservation held",
      "A cancelled order shows its reservation released, keeping the expiry",
      "An expired reservation moves the time the detail was last changed",
    ]) {
      RuleScenario(title, (s) => {
        givenOrder(s);
        givenReservation(s);
        foldsBoth(s);
        thenDetail(s);
      });
    }
    RuleScenario("A removed item leaves the detail and the total", (s) => {
      givenOrder(s);
      foldsBoth(s);
      thenDetail(s);
    });
  });

  Rule("The two streams may arrive in any interleaving", ({ RuleScenario }) => {
    RuleScenario("Every interleaving of the two streams gives the same detail", (s) => {
      givenOrder(s);
      givenReservation(s);
      s.When("the detail folds every interleaving of the two streams", () => {
        folds = interleavings(order, reservation).map((events) => fold(events));
      });
      s.Then("the {int} interleavings all give {string}", (_ctx, count: number, text: string) => {
        expect(folds).toHaveLength(count);
        for (const folded of folds) expect(folded).toEqual(folds[0]);
        expect(describeDetail(folds[0]!)).toBe(text);
      });
    });
    RuleScenario(
      "Reservation events folded before the order's own show the reservation alone",
      (s) => {
        givenOrder(s);
        givenReservation(s);
        s.When("the detail folds the reservation's events only", () => {
          detail = fold(reservation);
        });
        thenDetail(s);
      },
    );
  });

  Rule("Evolve is pure", ({ RuleScenario }) => {
    RuleScenario("Folding never changes the detail it starts from", (s) => {
      givenOrder(s);
      s.When("the detail folds the order's events from a frozen detail", () => {
        frozen = deepFreeze<OrderDetail>({
          ...emptyOrderDetail,
          orderId: "ord-0",
          customerId: "bob",
          status: "draft",
          items: [],
          updatedAt: 500,
        });
        detail = fold(order, frozen);
      });
      s.Then("the frozen detail still reads {string}", (_ctx, text: string) => {
        expect(describeDetail(frozen)).toBe(text);
        expect(detail?.status).toBe("submitted");
      });
    });
  });
});
