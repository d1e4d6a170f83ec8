import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_COMMUNES, demoCommuneConfig, demoConfig } from "@motcua/queue-server";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { hallClock } from "../helpers/clock.ts";
import { client, startTestServer, type TestServer } from "../helpers/harness.ts";
import { writeHistory } from "../helpers/history.ts";
import { readXlsx, rowsOf } from "../helpers/read-xlsx.ts";

const DAY_MS = 86_400_000;
/** The test's service days: the twenty before the hall clock's. */
const dayBack = (n: number) => new Date(hallClock() + 7 * 3_600_000 - n * DAY_MS).toISOString().slice(0, 10);

describe("the province report", () => {
  let server: TestServer;
  let api: ReturnType<typeof client>["api"];
  let token: string;
  const span = { from: dayBack(20), to: dayBack(1) };
  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "motcua-province-report-"));
    // Twenty recorded days of the provincial center, and of a rural commune in its own folder.
    await writeHistory(dataDir, await demoConfig(), 20, 4, [200, 300]);
    const commune = DEMO_COMMUNES.find((c) => c.area === "rural")!;
    await writeHistory(join(dataDir, "centers", commune.id), await demoCommuneConfig(commune), 20, 4, [60, 100]);
    server = await startTestServer({ dataDir });
    api = client(server.url).api;
    token = (await api("POST", "/api/session", { body: { username: "tinh", password: "demo", center: "province" } })).body.token;
  }, 60_000);
  afterAll(() => server?.destroy());

  it("gives every unit against the plan, by level and area, units and officers ranked", async () => {
    const r = await api("POST", "/api/province/reports", { token, body: span });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    const report = r.body;
    expect(report.days).toBe(20);
    expect(report.units.map((u: { rank: number }) => u.rank)).toEqual([1, 2]);
    const commune = report.units.find((u: { level: string }) => u.level === "commune");
    const center = report.units.find((u: { level: string }) => u.level === "provincial");
    expect(commune).toMatchObject({ area: "rural", yardstick: 1200 });
    expect(center).toMatchObject({ id: "lam-dong", area: "urban", yardstick: 1600 });
    // The province's total is its units' together; each pace is its served per officer, over a year.
    expect(report.overall.served).toBe(commune.served + center.served);
    expect(commune.officers).toBeGreaterThan(0);
    expect(commune.receivedPerOfficerYear).toBe(Math.round(((commune.served / commune.officers) * 365) / 20));
    expect(commune.yardstickShare).toBeCloseTo(commune.receivedPerOfficerYear / 1200, 2);
    // Ranked: the better 15-minute share first.
    expect(report.units[0].within15Share).toBeGreaterThanOrEqual(report.units[1].within15Share);
    expect(report.byLevel.map((g: { id: string }) => g.id)).toEqual(["provincial", "commune"]);
    expect(report.byArea.map((g: { id: string; units: number }) => [g.id, g.units])).toEqual([["urban", 1], ["rural", 1]]);
    const shares = report.officers.map((o: { yardstickShare: number }) => o.yardstickShare);
    expect(shares).toEqual([...shares].sort((a: number, b: number) => b - a));
    expect(report.officers.reduce((n: number, o: { served: number }) => n + o.served, 0)).toBe(report.overall.served);
  });

  it("exports it as CSV and XLSX in the plan's terms, read back", async () => {
    const csv = await fetch(`${server.url}/api/province/reports/export`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ ...span, format: "csv" }),
    });
    expect(csv.headers.get("content-disposition")).toContain(`bao-cao-toan-tinh-${span.from}-${span.to}.csv`);
    const text = (await csv.text()).replace(/^\uFEFF/, "");
    expect(text).toContain("Tỷ lệ được gọi trong 15 phút (%)");
    expect(text).toContain("Hồ sơ/cán bộ/năm (quy năm)");
    expect(text).toContain("Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng");
    expect(text).toContain("Nông thôn");

    const xlsx = await fetch(`${server.url}/api/province/reports/export`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ ...span, format: "xlsx" }),
    });
    const book = readXlsx(Buffer.from(await xlsx.arrayBuffer()));
    expect(book.map((s) => s.name)).toEqual(["Theo đơn vị", "Theo cấp", "Theo khu vực", "Theo cán bộ"]);
    const units = rowsOf(book, "Theo đơn vị");
    expect(units[1]![0]).toBe("Xếp hạng");
    expect(units[2]![0]).toBe(1);
    expect([units[2]![1], units[3]![1]].sort()).toEqual(["lam-dong", DEMO_COMMUNES.find((c) => c.area === "rural")!.id].sort());
  });

  it("is the province's alone", async () => {
    const admin = (await api("POST", "/api/session", { body: { username: "admin", password: "admin", center: "lam-dong" } })).body.token;
    expect((await api("POST", "/api/province/reports", { token: admin, body: span })).status).toBe(403);
  });
});
