// A small app using reservations as an application would: the app-owned reservations table and
// its functions, and a sign-up flow that reserves a username before the account exists.
import { defineApp } from "convex/server";

const app = defineApp();

export default app;
