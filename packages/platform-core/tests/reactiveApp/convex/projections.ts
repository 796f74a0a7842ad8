// The projection runtime's functions; a cron (or the tests) calls `dispatch`.
import { projectionFunctions } from "../../../src/index.js";
import { internalMutation, internalQuery } from "./_generated/server.js";
import { projections } from "./runtime.js";

const fns = projectionFunctions(projections);

export const dispatch = internalMutation(fns.dispatch);
export const catchUp = internalMutation(fns.catchUp);
export const applyEvent = internalMutation(fns.applyEvent);
export const onCatchUpComplete = internalMutation(fns.onCatchUpComplete);
export const getCheckpoint = internalQuery(fns.getCheckpoint);
