// The projection runtime's functions: the cron calls `dispatch`; the Workpool runs `catchUp`;
// operators list and retry dead letters and failed jobs. All internal.
import { projectionFunctions } from "@convex-es/platform-core";
import { internalMutation, internalQuery } from "../_generated/server.js";
import { projections } from "./runtime.js";

const fns = projectionFunctions(projections);

export const dispatch = internalMutation(fns.dispatch);
export const catchUp = internalMutation(fns.catchUp);
export const applyEvent = internalMutation(fns.applyEvent);
export const onCatchUpComplete = internalMutation(fns.onCatchUpComplete);
export const getCheckpoint = internalQuery(fns.getCheckpoint);
export const listDeadLetters = internalQuery(fns.listDeadLetters);
export const retryDeadLetter = internalMutation(fns.retryDeadLetter);
export const ignoreDeadLetter = internalMutation(fns.ignoreDeadLetter);
export const listFailedJobs = internalQuery(fns.listFailedJobs);
export const retryFailedJob = internalMutation(fns.retryFailedJob);
