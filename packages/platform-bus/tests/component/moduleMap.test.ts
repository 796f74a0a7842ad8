import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import commandBusTest, { modules, register, schema } from "../../src/test.js";

test("the ./test module map lists every module of the component", () => {
  const dir = fileURLToPath(new URL("../../src/component/", import.meta.url));
  const onDisk = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((path) => path.endsWith(".ts") && !/^(schema|convex\.config)\.ts$/.test(path))
    .filter((path) => !/_generated\/(component|dataModel)\.ts$/.test(path))
    .map((path) => `./component/${path}`)
    .sort();
  expect(Object.keys(modules).sort()).toEqual(onDisk);
  expect(commandBusTest).toEqual({ register, schema, modules });
});

test("register installs the component under the given name, commandBus by default", () => {
  const calls: string[] = [];
  const t = { registerComponent: (name: string) => void calls.push(name) };
  register(t);
  register(t, "orderCommands");
  expect(calls).toEqual(["commandBus", "orderCommands"]);
});
