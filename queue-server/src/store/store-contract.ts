/**
 * What every Store must do, as one suite each store's test file runs against itself: the
 * embedded store and PostgreSQL pass the very same checks, so the server cannot tell them apart.
 */
import { describe, expect, it } from "vitest";
import type { DayState, JournalEntry } from "@motcua/engine";
import { demoConfig } from "../config/demo.ts";
import type { DaySummary } from "../reports/summary.ts";
import { JournalConflict, type Store } from "./types.ts";

/** Fresh, empty storage; `open` makes another store on the same storage (a restart, a second instance). */
export type Backend = () => Promise<{ open(): Store; dispose(): Promise<void> }>;

const DAY = "2026-12-01";
const day = (d: string, tickets = 0): DayState => ({
  day: d,
  seq: { a: tickets },
  tickets: {},
  order: Array.from({ length: tickets }, (_, i) => `${d}-A${String(i + 1).padStart(3, "0")}`),
  counters: {},
  ratings: [],
  version: tickets,
});
const issue = (seq: number): JournalEntry => ({ seq, at: Date.UTC(2026, 11, 1, 2, seq), command: { type: "issueTicket", serviceId: "khai-sinh", priorityGroupId: null, followToken: `tok${seq}` } });

async function using(backend: Backend, test: (open: () => Store) => Promise<void>): Promise<void> {
  const b = await backend();
  const opened: Store[] = [];
  try {
    await test(() => {
      const s = b.open();
      opened.push(s);
      return s;
    });
  } finally {
    for (const s of opened) await s.close();
    await b.dispose();
  }
}

export function storeContract(name: string, backend: Backend): void {
  describe(`${name}: the Store contract`, () => {
    it("keeps a day as a snapshot and the journal after it, and hands both back after a restart", async () => {
      await using(backend, async (open) => {
        const store = open();
        expect(await store.loadDay(DAY)).toBeNull();
        await store.appendJournal(DAY, [issue(1), issue(2)]);
        await store.appendJournal(DAY, [issue(3)]);
        expect(await store.loadDay(DAY)).toEqual({ snapshot: null, snapshotSeq: 0, tail: [issue(1), issue(2), issue(3)] });
        await store.saveSnapshot(day(DAY, 2), 2);
        await store.close();
        const again = open();
        expect(await again.loadDay(DAY)).toEqual({ snapshot: day(DAY, 2), snapshotSeq: 2, tail: [issue(3)] });
        expect(await again.readJournal(DAY, 1)).toEqual([issue(2), issue(3)]);
        await again.appendJournal(DAY, [issue(4)]);
        expect((await again.loadDay(DAY))!.tail.map((e) => e.seq)).toEqual([3, 4]);
      });
    });

    it("refuses a journal position already taken, or one that skips ahead, and writes nothing of that batch", async () => {
      await using(backend, async (open) => {
        const a = open();
        const b = open();
        await a.appendJournal(DAY, [issue(1)]);
        await expect(b.appendJournal(DAY, [issue(1), issue(2)])).rejects.toBeInstanceOf(JournalConflict);
        await expect(a.appendJournal(DAY, [issue(3)])).rejects.toBeInstanceOf(JournalConflict);
        expect(await b.readJournal(DAY, 0)).toEqual([issue(1)]);
        await b.appendJournal(DAY, [issue(2)]);
        expect(await a.readJournal(DAY, 0)).toEqual([issue(1), issue(2)]);
      });
    });

    it("takes a snapshot as the day stood at the call, though its owner changes it at once", async () => {
      await using(backend, async (open) => {
        const store = open();
        const state = day(DAY, 2);
        const saved = store.saveSnapshot(state, 2);
        state.order.push("2026-12-01-A003");
        state.version = 3;
        await saved;
        expect((await open().loadDay(DAY))!.snapshot).toEqual(day(DAY, 2));
      });
    });

    it("never lets an older snapshot replace a newer one", async () => {
      await using(backend, async (open) => {
        const store = open();
        await store.appendJournal(DAY, [issue(1), issue(2), issue(3)]);
        await store.saveSnapshot(day(DAY, 3), 3);
        await store.saveSnapshot(day(DAY, 1), 1);
        expect(await store.loadDay(DAY)).toEqual({ snapshot: day(DAY, 3), snapshotSeq: 3, tail: [] });
      });
    });

    it("closes a day: the final snapshot stays, the journal with its phone hashes goes", async () => {
      await using(backend, async (open) => {
        const store = open();
        await store.saveSnapshot(day("2026-11-30", 5), 0);
        await store.appendJournal(DAY, [issue(1), issue(2)]);
        await store.appendJournal("2026-12-02", [issue(1)]);
        expect(await store.listDays()).toEqual(["2026-11-30", DAY, "2026-12-02"]);
        expect(await store.openDays()).toEqual([DAY, "2026-12-02"]);
        await store.saveSnapshot(day(DAY, 2), 2, { final: true });
        expect(await store.openDays()).toEqual(["2026-12-02"]);
        expect(await store.readJournal(DAY, 0)).toEqual([]);
        expect(await open().loadDay(DAY)).toEqual({ snapshot: day(DAY, 2), snapshotSeq: 2, tail: [] });
        expect(await store.listDays()).toEqual(["2026-11-30", DAY, "2026-12-02"]);
      });
    });

    it("keeps the configuration and the center's other documents, null until first saved", async () => {
      await using(backend, async (open) => {
        const store = open();
        expect(await store.loadConfig()).toBeNull();
        expect(await store.loadSessions()).toBeNull();
        expect(await store.loadProcedures()).toBeNull();
        expect(await store.loadDossiers()).toBeNull();
        expect(await store.loadAppointments()).toBeNull();
        expect(await store.loadKeys()).toBeNull();
        expect(await store.loadSummary(DAY)).toBeNull();
        const config = await demoConfig();
        const summary = { version: 1, day: DAY, overall: {}, byField: {}, byCounter: {}, byStaff: {}, byHour: {}, staffNames: { s1: "Nguyễn Thị Hoa" } } as unknown as DaySummary;
        await store.saveConfig(config);
        const session = { staffId: "s1", role: "staff" as const, secret: "x", expiresAt: 5, counterId: null };
        await store.saveSession("abc", session);
        await store.saveSession("def", { ...session, staffId: "s2" });
        await store.saveSession("abc", { ...session, counterId: "quay-1" });
        await store.saveSession("def", null);
        await store.saveProcedures([]);
        await store.saveDossiers([]);
        await store.saveAppointments({ bookings: {} });
        await store.saveKeys({ phone: "k" });
        await store.saveSummary(summary);
        await store.saveKeys({ phone: "k2", hall: "h" });
        const again = open();
        expect(await again.loadConfig()).toEqual(config);
        expect(await again.loadSessions()).toEqual({ abc: { ...session, counterId: "quay-1" } });
        expect(await again.loadSession("abc")).toEqual({ ...session, counterId: "quay-1" });
        expect(await again.loadSession("def")).toBeNull();
        expect(await again.loadProcedures()).toEqual([]);
        expect(await again.loadDossiers()).toEqual([]);
        expect(await again.loadAppointments()).toEqual({ bookings: {} });
        // A key once made is kept: two instances starting together end up with the first one.
        expect(await again.loadKeys()).toEqual({ phone: "k", hall: "h" });
        expect(await again.loadSummary(DAY)).toEqual(summary);
      });
    });
  });
}
