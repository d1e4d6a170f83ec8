import { AppointmentOffer, FollowView, SlotList } from "@motcua/protocol";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, client, connect, connected, KIOSK, next, nextMatching, STATION, startTestServer, type TestServer } from "../helpers/harness.ts";

/** 09:00 on Friday 2026-11-27 in Hanoi: the center is open. */
const MORNING = Date.parse("2026-11-27T02:00:00Z");
const MINUTE = 60_000;
/** A moment on the 27th, local time. */
const hanoi = (h: number, m = 0) => Date.parse(`2026-11-27T${String(h - 7).padStart(2, "0")}:${String(m).padStart(2, "0")}:00Z`);

describe("appointments", () => {
  let server: TestServer;
  let now = MORNING;
  beforeAll(async () => {
    server = await startTestServer({ clock: () => now });
  });
  afterAll(() => server?.destroy());
  const api = (method: string, path: string, body?: unknown) => client(server.url).api(method, path, body === undefined ? {} : { body });
  /** Books, a minute later each time: the burst limit is five a minute per network. */
  const book = async (serviceId: string, date: string, time: string, phone: string) => {
    now += MINUTE;
    return api("POST", "/api/appointments", { serviceId, date, time, phone });
  };

  it("offers the bookable fields, their procedures and the days ahead, holidays closed", async () => {
    const offer = AppointmentOffer.parse((await api("GET", "/api/appointments")).body);
    expect(offer.fields.map((f) => f.id)).toEqual(["ho-tich", "dat-dai", "dang-ky-kinh-doanh", "xay-dung"]);
    expect(offer.fields[0]!.services.map((s) => s.id)).toEqual(["khai-sinh", "ket-hon"]);
    expect(offer.days).toHaveLength(15);
    expect(offer.days[0]).toEqual({ date: "2026-11-27", open: true, holiday: null, holidayEn: null });
    expect(offer.days.find((d) => d.date === "2026-11-28")!.open).toBe(false); // Saturday
    expect(offer.checkInEarlyMinutes).toBe(30);
  });

  it("lists a day's slots with the places left; begun slots are not offered; a holiday has none", async () => {
    const today = SlotList.parse((await api("GET", "/api/appointments/slots?fieldId=ho-tich&date=2026-11-27")).body);
    expect(today.open).toBe(true);
    expect(today.slots[0]).toEqual({ time: "09:30", left: 3 });
    const monday = SlotList.parse((await api("GET", "/api/appointments/slots?fieldId=ho-tich&date=2026-11-30")).body);
    expect(monday.slots.map((s) => s.time).slice(0, 3)).toEqual(["07:00", "07:30", "08:00"]);
    expect(monday.slots.at(-1)!.time).toBe("16:30");
    const holiday = await api("GET", "/api/appointments/slots?fieldId=ho-tich&date=2027-01-01");
    expect(holiday.body).toEqual({ fieldId: "ho-tich", date: "2027-01-01", open: false, slots: [] });
    expect((await api("GET", "/api/appointments/slots?fieldId=ho-tich&date=2026-02-30")).status).toBe(400);
    // A month that does not exist is a plain refusal, not a crash.
    expect((await api("GET", "/api/appointments/slots?fieldId=ho-tich&date=2026-13-01")).status).toBe(400);
    expect((await api("GET", "/api/appointments/slots?fieldId=ho-tich")).status).toBe(400);
  });

  it("books with a phone number only, fills a slot to its capacity and refuses a double booking", async () => {
    const first = await book("khai-sinh", "2026-11-30", "08:00", "0912 345 678");
    expect(first.status).toBe(201);
    expect(first.body.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(first.body.followUrl).toBe(`${server.url}/f/${first.body.token}`);
    // The same phone, the same field and day: refused, whatever the slot.
    expect(await book("ket-hon", "2026-11-30", "10:00", "+84912345678")).toMatchObject({ status: 429, body: { code: "RATE_LIMITED" } });
    expect((await book("ket-hon", "2026-11-30", "08:00", "0912 000 002")).status).toBe(201);
    expect((await book("khai-sinh", "2026-11-30", "08:00", "0912 000 003")).status).toBe(201);
    expect(await book("khai-sinh", "2026-11-30", "08:00", "0912 000 004")).toMatchObject({ status: 409, body: { code: "SLOT_FULL" } });
    const slots = SlotList.parse((await api("GET", "/api/appointments/slots?fieldId=ho-tich&date=2026-11-30")).body);
    expect(slots.slots.find((s) => s.time === "08:00")!.left).toBe(0);
    // Nothing of the phone on disk: only a keyed hash.
    const stored = await readFile(join(server.dataDir, "appointments.json"), "utf8");
    expect(stored).toContain(first.body.token);
    for (const digits of ["912345678", "912000002", "0912 345 678"]) expect(stored).not.toContain(digits);
  });

  it("answers a retried booking whose answer was lost with the same booking, not a refusal", async () => {
    const body = { serviceId: "khai-sinh", date: "2026-12-02", time: "09:00", phone: "0912 777 888", requestKey: "phone-tap-0001" };
    now += MINUTE;
    const first = await api("POST", "/api/appointments", body);
    now += MINUTE;
    const retried = await api("POST", "/api/appointments", body);
    expect(first.status).toBe(201);
    expect(retried).toMatchObject({ status: 201, body: { token: first.body.token, code: first.body.code } });
    // The key is the phone's own: another phone with the same key books for itself.
    now += MINUTE;
    const other = await api("POST", "/api/appointments", { ...body, phone: "0912 777 999" });
    expect(other.status).toBe(201);
    expect(other.body.token).not.toBe(first.body.token);
    // Without the key, the same phone asking again is a second booking, and refused.
    expect(await book("khai-sinh", "2026-12-02", "09:00", "0912 777 888")).toMatchObject({ status: 429 });
  });

  it("refuses bad requests plainly: a closed day, no such slot, a field without appointments, a bad phone", async () => {
    expect(await book("khai-sinh", "2026-11-29", "08:00", "0912 111 001")).toMatchObject({ status: 400, body: { code: "BAD_REQUEST" } });
    expect(await book("khai-sinh", "2026-11-30", "08:10", "0912 111 002")).toMatchObject({ status: 400 });
    expect(await book("chung-thuc-ban-sao", "2026-11-30", "08:00", "0912 111 003")).toMatchObject({ status: 409, body: { code: "NOT_OFFERED" } });
    expect(await book("khai-sinh", "2026-11-30", "08:00", "12345")).toMatchObject({ status: 400 });
  });

  it("a booking's link shows it, and cancelling gives the place back; a forged link shows nothing", async () => {
    const made = await book("dang-ky-dat-dai", "2026-12-01", "09:00", "0903 222 001");
    expect(made.status).toBe(201);
    const view = FollowView.parse((await api("GET", `/api/follow/${made.body.token}`)).body);
    expect(view).toMatchObject({
      status: "booked",
      number: "",
      serviceName: "Đăng ký đất đai, cấp Giấy chứng nhận",
      cancellable: true,
      appointment: { code: made.body.code, status: "booked", date: "2026-12-01", time: "09:00", fieldName: "Đất đai", checkInFrom: "08:30", checkInUntil: "09:15" },
    });
    // Another day: the line's figures of today say nothing about it.
    expect(view.estimatedWait).toBeNull();
    const cancelled = await api("POST", `/api/follow/${made.body.token}/cancel`);
    expect(cancelled).toMatchObject({ status: 200, body: { status: "cancelled", cancellable: false, appointment: { status: "cancelled" } } });
    const slots = SlotList.parse((await api("GET", "/api/appointments/slots?fieldId=dat-dai&date=2026-12-01")).body);
    expect(slots.slots.find((s) => s.time === "09:00")!.left).toBe(2);
    expect((await api("GET", "/api/follow/AAAAAAAAAAAAAAAA")).status).toBe(404);
    expect((await api("POST", "/api/follow/AAAAAAAAAAAAAAAA/cancel")).status).toBe(404);
  });

  it("at the kiosk: too early is refused; in the window it is a ticket called at the slot ahead of walk-ins", async () => {
    now = Math.max(now, hanoi(9, 20));
    const made = await book("khai-sinh", "2026-11-27", "10:30", "0903 333 001");
    expect(made.status).toBe(201);
    // Today's booking counts in the walk-in estimate before its holder arrives.
    expect(Object.values(server.service.state.expected ?? {})).toContainEqual({ serviceId: "khai-sinh", at: hanoi(10, 30) });
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await connected(kiosk);
    expect(await ask(kiosk, "ticket:follow", { token: made.body.token })).toMatchObject({ ok: false, code: "APPOINTMENT_NOT_NOW" });
    expect(await ask(kiosk, "appointment:checkIn", { code: made.body.code })).toMatchObject({ ok: false, code: "APPOINTMENT_NOT_NOW" });
    // A walk-in takes a number at 10:20, the booked citizen checks in at 10:22 by typing the code.
    // (A walk-in who had waited past the aging limit, 15 minutes, would be called first.)
    now = hanoi(10, 20);
    const walkIn = await client(server.url).issue("khai-sinh");
    now = hanoi(10, 22);
    const follow = connect(server.url, "/follow", made.body.token);
    await connected(follow);
    const pushed = nextMatching<{ view: FollowView }>(follow, "follow:updated", (p) => p.view.status === "waiting", 5000);
    const station = connect(server.url, "/station", STATION);
    await connected(station);
    const printed = next<{ job: { ticket: { appointmentAt?: string } } }>(station, "print:requested", 5000);
    const checkedIn = await ask(kiosk, "appointment:checkIn", { code: made.body.code.toLowerCase().replace(/^(...)/, "$1 ") });
    expect(checkedIn).toMatchObject({ ok: true, data: { serviceId: "khai-sinh", status: "waiting", appointmentAt: new Date(hanoi(10, 30)).toISOString(), followToken: made.body.token } });
    expect((await pushed).view.appointment).toMatchObject({ status: "checked_in", time: "10:30" });
    // The paper says it too.
    expect((await printed).job.ticket.appointmentAt).toBe(new Date(hanoi(10, 30)).toISOString());
    station.close();
    expect(server.service.state.expected?.[made.body.token]).toBeUndefined();
    // A second scan answers the same ticket, as a status: nothing new was issued or printed.
    const again = await ask(kiosk, "ticket:follow", { token: made.body.token });
    expect(again.ok && again.data.number).toBe(checkedIn.ok && checkedIn.data.number);
    expect(again.ok && again.data.followToken).toBeUndefined();
    // So does the code typed after the QR was scanned.
    const typed = await ask(kiosk, "appointment:checkIn", { code: made.body.code });
    expect(typed.ok && typed.data.number).toBe(checkedIn.ok && checkedIn.data.number);
    expect(typed.ok && typed.data.followToken).toBeUndefined();
    // At 10:30 the counter calls the appointment, although the walk-in came first.
    const c = client(server.url);
    const officer = await c.openCounter("canbo1", "quay-1");
    now = hanoi(10, 30);
    const called = await c.api("POST", "/api/counters/quay-1/next", { token: officer });
    expect(called.body.number).toBe(checkedIn.ok && checkedIn.data.number);
    expect(called.body.number).not.toBe(walkIn.number);
    follow.close();
    kiosk.close();
  });

  it("a late arrival gets an ordinary ticket; a cancelled booking none", async () => {
    const late = await book("ket-hon", "2026-11-27", "11:00", "0903 444 001");
    const gone = await book("ket-hon", "2026-11-27", "11:00", "0903 444 002");
    await api("POST", `/api/follow/${gone.body.token}/cancel`);
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await connected(kiosk);
    now = hanoi(11, 16);
    const t = await ask(kiosk, "ticket:follow", { token: late.body.token });
    expect(t.ok).toBe(true);
    expect(t.ok && t.data.appointmentAt).toBeUndefined();
    expect((await api("GET", `/api/follow/${late.body.token}`)).body.appointment).toMatchObject({ status: "walk_in" });
    expect(await ask(kiosk, "ticket:follow", { token: gone.body.token })).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
    expect(await ask(kiosk, "appointment:checkIn", { code: "ZZZZZZ" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    kiosk.close();
  });

  it("keeps its bookings, and each phone's share, across a restart", async () => {
    now += MINUTE;
    const made = await book("giay-phep-xay-dung", "2026-12-02", "13:30", "0903 555 001");
    expect(made.status).toBe(201);
    await server.close();
    server = { ...(await startTestServer({ dataDir: server.dataDir, clock: () => now })), dataDir: server.dataDir };
    expect((await api("GET", `/api/follow/${made.body.token}`)).body).toMatchObject({ status: "booked", appointment: { time: "13:30", date: "2026-12-02" } });
    // The same phone, the same field and day: still refused after the restart.
    expect((await book("giay-phep-xay-dung", "2026-12-02", "15:30", "0903 555 001")).status).toBe(429);
    // The key that makes the hashes is its own file, readable by the server's user only.
    expect((await stat(join(server.dataDir, "keys.json"))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(server.dataDir, "appointments.json"), "utf8")).not.toContain(JSON.parse(await readFile(join(server.dataDir, "keys.json"), "utf8")).phone);
  });

  it("keeps a procedure with bookings to come in the configuration", async () => {
    const c = client(server.url);
    const admin = await c.login("admin", "admin");
    const current = (await c.api("GET", "/api/admin/config", { token: admin })).body;
    const services = current.services.filter((s: { id: string }) => s.id !== "giay-phep-xay-dung");
    const counters = current.counters.map((x: { serviceIds: string[] }) => ({ ...x, serviceIds: x.serviceIds.filter((id) => id !== "giay-phep-xay-dung") }));
    const r = await c.api("PUT", "/api/admin/config", { token: admin, body: { ...current, services, counters } });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain("service giay-phep-xay-dung has 1 appointment(s) booked (the first on 2026-12-02 at 13:30)");
  });
});

describe("appointment limits", () => {
  let server: TestServer;
  let now = MORNING;
  beforeAll(async () => {
    server = await startTestServer({ clock: () => now });
  });
  afterAll(() => server?.destroy());

  it("hold a phone to its share, and a network to its bookings a day", async () => {
    const book = async (date: string, phone: string, time = "14:00") => {
      now += MINUTE;
      return (await client(server.url).api("POST", "/api/appointments", { body: { serviceId: "khai-sinh", date, time, phone } })).status;
    };
    expect(await book("2026-11-30", "0904 000 001")).toBe(201);
    expect(await book("2026-12-01", "0904 000 001")).toBe(201);
    // A third place while two are held: refused; another phone is not held back.
    expect(await book("2026-12-02", "0904 000 001")).toBe(429);
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push(await book("2026-12-03", `0904 100 0${String(i).padStart(2, "0")}`, `${13 + Math.floor(i / 3)}:30`));
    // Ten bookings a day from one network in the demo: two were made above (a refusal is no booking).
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(201));
    expect(statuses.slice(8)).toEqual([429, 429]);
  });

  it("five bookings a minute at most from one network", async () => {
    now = Date.parse("2026-11-28T02:00:00Z");
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await client(server.url).api("POST", "/api/appointments", { body: { serviceId: "khai-sinh", date: "2026-12-04", time: "15:00", phone: "0904 200 000" } })).status);
    }
    expect(statuses.at(-1)).toBe(429);
  });
});
