import type { Infer } from "convex/values";
import type {
  vCheckCommandResult,
  vCleanupResult,
  vCommandEvents,
  vCommandIdMismatch,
  vCommandIdReused,
  vCommandOutcome,
  vCommandPage,
  vCommandRecord,
  vCommandStatus,
  vDuplicateCommand,
  vFinalCommandStatus,
  vNewCommand,
  vRecordCommandArgs,
  vRecordCommandResult,
  vUpdateCommandResultArgs,
  vUpdateCommandResultResult,
} from "./validators.js";

export type CommandStatus = Infer<typeof vCommandStatus>;
export type FinalCommandStatus = Infer<typeof vFinalCommandStatus>;
export type CommandOutcome = Infer<typeof vCommandOutcome>;
export type CommandRecord = Infer<typeof vCommandRecord>;
export type RecordCommandArgs = Infer<typeof vRecordCommandArgs>;
export type UpdateCommandResultArgs = Infer<typeof vUpdateCommandResultArgs>;
export type NewCommand = Infer<typeof vNewCommand>;
export type DuplicateCommand = Infer<typeof vDuplicateCommand>;
export type CommandIdMismatch = Infer<typeof vCommandIdMismatch>;
export type CommandIdReused = Infer<typeof vCommandIdReused>;
export type RecordCommandResult = Infer<typeof vRecordCommandResult>;
export type CheckCommandResult = Infer<typeof vCheckCommandResult>;
export type UpdateCommandResultResult = Infer<typeof vUpdateCommandResultResult>;
export type CommandEvents = Infer<typeof vCommandEvents>;
export type CommandPage = Infer<typeof vCommandPage>;
export type CleanupResult = Infer<typeof vCleanupResult>;
