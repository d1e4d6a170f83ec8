import { describe, expect, it } from "vitest";
import { clipsOf, createAnnouncer, MAX_WAITING_ANNOUNCEMENTS, sentenceOf } from "./announce.ts";
import manifest from "../public/voice/manifest.json";

const call = (number: string, counterNumber: number) => ({
  ticketId: `t-${number}`,
  number,
  serviceId: "khai-sinh",
  fieldId: "ho-tich",
  counterId: `quay-${counterNumber}`,
  counterNumber,
  calledAt: "2026-11-27T01:00:00.000Z",
  recalls: 0,
});

describe("what the hall hears", () => {
  it("reads the number character by character and the counter as a number, after a chime", () => {
    expect(clipsOf(call("A023", 5))).toEqual(["chime", "phrase", "letter-a", "digit-0", "digit-2", "digit-3", "to-counter", "counter-5"]);
    expect(sentenceOf(call("A023", 12))).toBe("Xin mời công dân có số thứ tự a không hai ba đến quầy số 12");
  });

  it("has a shipped clip for every digit, every letter a ticket code may use, and every counter", () => {
    const shipped = new Set(manifest.clips);
    // Ticket codes are one or two capital letters A–Z (protocol: Service.code).
    const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (const l of letters) for (const d of "0123456789") for (const clip of clipsOf(call(`${l}${d}`, 1))) expect(shipped.has(clip), clip).toBe(true);
    for (let counter = 1; counter <= 120; counter++) for (const clip of clipsOf(call("A1", counter))) expect(shipped.has(clip), clip).toBe(true);
  });

  it("says calls that arrive together one after another, never over each other", async () => {
    const said: string[] = [];
    let speaking = false;
    const announce = createAnnouncer({
      say: async (c) => {
        expect(speaking).toBe(false);
        speaking = true;
        said.push(c.number);
        await new Promise((r) => setTimeout(r, 5));
        speaking = false;
      },
    });
    const log: string[] = [];
    const announceLogged = createAnnouncer({ say: async () => {} }, (e) => log.push(e.number));
    announce(call("A001", 1));
    announce(call("B002", 2));
    announce(call("A001", 1)); // a recall is said again
    announceLogged(call("C003", 3));
    await new Promise((r) => setTimeout(r, 50));
    expect(said).toEqual(["A001", "B002", "A001"]);
    expect(log).toEqual(["C003"]);
  });

  it("goes on with the next call when a clip fails", async () => {
    const done: string[] = [];
    const announce = createAnnouncer(
      {
        say: async (c) => {
          if (c.number === "A001") throw new Error("no sound card");
        },
      },
      (e) => done.push(e.number),
    );
    announce(call("A001", 1));
    announce(call("A002", 1));
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toEqual(["A001", "A002"]);
  });

  it("drops the oldest unsaid calls when they come faster than they can be said", async () => {
    const said: string[] = [];
    const announce = createAnnouncer({
      say: async (c) => {
        said.push(c.number);
        await new Promise((r) => setTimeout(r, 5));
      },
    });
    for (let i = 1; i <= 20; i++) announce(call(`A${String(i).padStart(3, "0")}`, 1));
    await new Promise((r) => setTimeout(r, 100));
    // The first was already being said; of the rest only the newest few remain.
    expect(said).toEqual(["A001", ...Array.from({ length: MAX_WAITING_ANNOUNCEMENTS }, (_, k) => `A${String(20 - MAX_WAITING_ANNOUNCEMENTS + 1 + k).padStart(3, "0")}`)]);
  });
});
