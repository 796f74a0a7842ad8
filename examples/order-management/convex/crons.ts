// What runs on a schedule: projections catch up with the log every second (they trail it by
// the store's 5 s settle window anyway), held stock reservations past their expiry are
// released, and unique values (emails) reserved and never confirmed are freed.
import { cronJobs } from "convex/server";
import { internal } from "./_generated/api.js";

const crons = cronJobs();

crons.interval("dispatch projections", { seconds: 1 }, internal.projections.jobs.dispatch, {});
crons.interval(
  "expire reservations",
  { minutes: 1 },
  internal.inventory.expiry.expireReservations,
  {},
);
crons.interval(
  "expire unique-value reservations",
  { minutes: 1 },
  internal.platform.reservations.expireDue,
  {},
);

export default crons;
