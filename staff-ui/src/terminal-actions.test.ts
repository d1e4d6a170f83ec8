import { apply, counterView, type Command, type DayState, type EngineConfig } from "@motcua/engine";
import { at, config, configWithRules, freshDay, run } from "@motcua/engine/fixture";
import { describe, expect, it } from "vitest";
import { ACTIONS, offerOf, type Action, type CounterFacts } from "./terminal-actions.ts";

const facts = (status: CounterFacts["status"], current: CounterFacts["current"], recallsBeforeNoShow = 2): CounterFacts => ({ status, current, recallsBeforeNoShow });
const on = (f: CounterFacts) => [...offerOf(f).enabled].sort();

describe("the terminal's offer: what may be done now, and what comes next", () => {
  it("offers a call with nobody at the counter, start after a call, complete while serving", () => {
    expect(on(facts("open", null))).toEqual(["close", "next", "pause"]);
    expect(offerOf(facts("open", null)).primary).toBe("next");
    expect(on(facts("open", { status: "called", recalls: 0 }))).toEqual(["park", "recall", "start", "transfer"]);
    expect(offerOf(facts("open", { status: "called", recalls: 0 })).primary).toBe("start");
    expect(on(facts("open", { status: "serving", recalls: 0 }))).toEqual(["complete", "park", "transfer"]);
    expect(offerOf(facts("open", { status: "serving", recalls: 0 })).primary).toBe("complete");
  });

  it("offers absent only after the recalls the rules ask for", () => {
    expect(offerOf(facts("open", { status: "called", recalls: 1 })).enabled.has("noShow")).toBe(false);
    expect(offerOf(facts("open", { status: "called", recalls: 2 })).enabled.has("noShow")).toBe(true);
    expect(offerOf(facts("open", { status: "called", recalls: 0 }, 0)).enabled.has("noShow")).toBe(true);
  });

  it("offers only resuming (and closing) on a break, and nothing on a closed counter", () => {
    expect(on(facts("paused", null))).toEqual(["close", "pause"]);
    expect(offerOf(facts("paused", null)).primary).toBe("pause");
    expect(on(facts("closed", null))).toEqual([]);
    expect(offerOf(facts("closed", null)).primary).toBeNull();
  });

  /** Each action as the engine's command, for the counter c1 and its current ticket. */
  const command = (a: Action, s: DayState): Command => {
    const ticketId = s.counters.c1?.currentTicketId ?? "none";
    switch (a) {
      case "next":
        return { type: "callNext", counterId: "c1" };
      case "transfer":
        return { type: "transfer", ticketId, toServiceId: "marriage" };
      case "pause":
        return s.counters.c1?.status === "paused" ? { type: "resumeCounter", counterId: "c1" } : { type: "pauseCounter", counterId: "c1" };
      case "close":
        return { type: "closeCounter", counterId: "c1" };
      default:
        return { type: a, ticketId };
    }
  };

  it("enables exactly what the engine accepts, in every state a counter passes through", () => {
    const check = (cfg: EngineConfig, s: DayState, label: string) => {
      const v = counterView(cfg, s, "c1", at(5));
      const offer = offerOf({ status: v.counter.status, current: v.current, recallsBeforeNoShow: v.recallsBeforeNoShow });
      for (const a of ACTIONS) expect(`${label} ${a}: ${apply(cfg, s, command(a, s), at(5)).ok}`).toBe(`${label} ${a}: ${offer.enabled.has(a)}`);
    };
    for (const cfg of [config, configWithRules({ recallsBeforeNoShow: 0 })]) {
      let s = freshDay(cfg);
      s = run(s, { type: "issueTicket", serviceId: "birth" }, at(0), cfg);
      s = run(s, { type: "issueTicket", serviceId: "birth" }, at(0), cfg);
      s = run(s, { type: "openCounter", counterId: "c1", staffId: "u1", staffName: "Cán bộ" }, at(1), cfg);
      check(cfg, s, "open, nobody");
      s = run(s, { type: "callNext", counterId: "c1" }, at(2), cfg);
      check(cfg, s, "called");
      const id = s.counters.c1!.currentTicketId!;
      s = run(s, { type: "recall", ticketId: id }, at(3), cfg);
      check(cfg, s, "recalled once");
      s = run(s, { type: "recall", ticketId: id }, at(3), cfg);
      check(cfg, s, "recalled twice");
      s = run(s, { type: "start", ticketId: id }, at(4), cfg);
      check(cfg, s, "serving");
      s = run(s, { type: "complete", ticketId: id }, at(4), cfg);
      check(cfg, s, "done");
      s = run(s, { type: "pauseCounter", counterId: "c1" }, at(4), cfg);
      check(cfg, s, "paused");
    }
  });
});
