import { CommandBus } from "../../src/client/index.js";
import { components } from "./_generated/api.js";

export const commandBus = new CommandBus(components.commandBus);
