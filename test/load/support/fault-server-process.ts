/**
 * The fault server in a child process, for the load test: it gets a core of
 * its own, and its bookkeeping stays out of the client's RSS. Commands come
 * over IPC: `random` registers a random-fault scenario, `stats` returns its
 * counters, `close` stops the server and exits.
 */
import { type RandomFaults, type RandomScenario, startFaultServer } from "../../support/fault-server.js";

/** A command from the test. */
export type ServerCommand = { type: "random"; options: RandomFaults } | { type: "stats"; token: string } | { type: "close" };

/** A reply to the test. */
export type ServerReply =
  | { type: "ready"; url: string }
  | { type: "random"; token: string; endpointUrl: string }
  | { type: "stats"; requests: number; faults: RandomScenario["counts"]["faults"]; perId: [string, number][] };

const send = (reply: ServerReply): void => {
  process.send?.(reply);
};

const server = await startFaultServer();
const scenarios = new Map<string, RandomScenario>();
process.on("message", (command: ServerCommand) => {
  if (command.type === "random") {
    const scenario = server.randomScenario(command.options);
    scenarios.set(scenario.token, scenario);
    send({ type: "random", token: scenario.token, endpointUrl: scenario.endpointUrl });
  } else if (command.type === "stats") {
    const scenario = scenarios.get(command.token);
    send({ type: "stats", requests: scenario?.counts.requests ?? 0, faults: scenario?.counts.faults ?? {}, perId: [...(scenario?.perId ?? new Map())] });
  } else {
    void server.close().then(() => process.exit(0));
  }
});
process.on("disconnect", () => process.exit(0));
send({ type: "ready", url: server.url });
