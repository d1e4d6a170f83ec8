import { describe, expect, it } from "vitest";
import { replay, type JournalEntry } from "./journal.ts";
import { at, config, freshDay } from "../test/fixture.ts";

const issue = (seq: number, minute: number): JournalEntry => ({ seq, at: at(minute), command: { type: "issueTicket", serviceId: "birth", priorityGroupId: null } });

describe("replaying a journal", () => {
  it("passes over what the snapshot already holds and applies the rest in order", () => {
    const entries = [issue(1, 0), issue(2, 1), issue(3, 2)];
    const twoIn = replay(config, freshDay(), 0, entries.slice(0, 2));
    const r = replay(config, twoIn.state, 2, entries);
    expect(r.seq).toBe(3);
    expect(r.state.order).toHaveLength(3);
    expect(r.state.tickets[r.state.order[2]!]!.issuedAt).toBe(at(2));
  });

  it("refuses a journal with a hole: a day must never be rebuilt from part of its commands", () => {
    expect(() => replay(config, freshDay(), 0, [issue(1, 0), issue(3, 2)])).toThrow(/jumps from 1 to 3/);
  });

  it("keeps an entry the engine now refuses out of the day and says which it was", () => {
    const gone: JournalEntry = { seq: 2, at: at(1), command: { type: "issueTicket", serviceId: "passport", priorityGroupId: null } };
    const r = replay(config, freshDay(), 0, [issue(1, 0), gone, issue(3, 2)]);
    expect(r.refused).toEqual([gone]);
    expect(r.state.order).toHaveLength(2);
    expect(r.seq).toBe(3);
  });
});
