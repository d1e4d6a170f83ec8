import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_COMMUNES, demoCommuneConfig, demoConfig } from "@motcua/queue-server";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { hallClock } from "../helpers/clock.ts";
import { client, startTestServer, type TestServer } from "../helpers/harness.ts";
import { writeHistory } from "../helpers/history.ts";
import { hanoiStamp, readCsv, viNumber } from "../helpers/read-csv.ts";
import { readXlsx, rowsOf } from "../helpers/read-xlsx.ts";

const dmy = (day: string) => day.split("-").reverse().join("/");

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

  it("exports it as CSV and XLSX in the plan's terms, headed with the province, the period and when made, read back", async () => {
    const exported = async (format: "csv" | "xlsx") => {
      const before = hallClock();
      const res = await fetch(`${server.url}/api/province/reports/export`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ ...span, format }),
      });
      expect(res.status).toBe(200);
      return { res, bytes: Buffer.from(await res.arrayBuffer()), made: [hanoiStamp(before), hanoiStamp(hallClock())].map((t) => `Lập lúc: ${t}`) };
    };
    const heading = (made: string[]) => ["Phạm vi: toàn tỉnh Lâm Đồng (2 đơn vị)", `Kỳ báo cáo: ${dmy(span.from)} – ${dmy(span.to)}`, expect.toBeOneOf(made)];
    const commune = DEMO_COMMUNES.find((c) => c.area === "rural")!;

    const csv = await exported("csv");
    expect(csv.res.headers.get("content-disposition")).toContain(`bao-cao-toan-tinh-${span.from}_${span.to}.csv`);
    const lines = readCsv(csv.bytes);
    expect(lines.slice(0, 3).map((l) => l[0])).toEqual(heading(csv.made));
    expect(lines.slice(3, 5)).toEqual([[""], ["Theo đơn vị"]]);
    const header = lines[5]!;
    expect(header).toContain("Tỷ lệ được gọi trong 15 phút (%)");
    expect(header).toContain("Hồ sơ/cán bộ/năm (quy năm)");
    expect(header.slice(0, 2)).toEqual(["Xếp hạng", "Đơn vị"]);
    expect(header[header.length - 1]).toBe("Mã đơn vị");
    const rows = lines.slice(6, 8);
    expect(rows.map((r) => r[1]).sort()).toEqual(["Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng", commune.name].sort());
    expect(rows.map((r) => r[header.length - 1]).sort()).toEqual(["lam-dong", commune.id].sort());
    expect(lines.flat()).toContain("Nông thôn");
    // Every figure reads as a number to vi-VN Excel, and the province's served sum to its units'.
    const served = header.indexOf("Hồ sơ đã tiếp nhận");
    const wait = header.indexOf("Thời gian chờ trung bình (phút)");
    for (const r of rows) expect(() => [r[served], r[wait]].map(viNumber)).not.toThrow();
    const json = (await api("POST", "/api/province/reports", { token, body: span })).body;
    expect(rows.reduce((n, r) => n + viNumber(r[served])!, 0)).toBe(json.overall.served);
    const lamDong = rows.find((r) => r[header.length - 1] === "lam-dong")!;
    expect(viNumber(lamDong[wait])).toBe(json.units.find((u: { id: string }) => u.id === "lam-dong").waitMean);

    const xlsx = await exported("xlsx");
    expect(xlsx.res.headers.get("content-disposition")).toContain(`bao-cao-toan-tinh-${span.from}_${span.to}.xlsx`);
    const book = readXlsx(xlsx.bytes);
    expect(book.map((s) => s.name)).toEqual(["Theo đơn vị", "Theo cấp", "Theo khu vực", "Theo cán bộ"]);
    for (const sheet of book) expect(sheet.rows.slice(0, 3).map((r) => r[0])).toEqual(heading(xlsx.made));
    const units = rowsOf(book, "Theo đơn vị");
    expect(units[4]!.slice(0, 2)).toEqual(["Xếp hạng", "Đơn vị"]);
    expect(units[5]![0]).toBe(1);
    expect([units[5]![1], units[6]![1]].sort()).toEqual(["Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng", commune.name].sort());
    const code = units[4]!.indexOf("Mã đơn vị");
    expect(code).toBe(units[4]!.length - 1);
    expect([units[5]![code], units[6]![code]].sort()).toEqual(["lam-dong", commune.id].sort());
    expect(rowsOf(book, "Theo cán bộ").slice(5).every((r) => typeof r[1] === "string" && !/^[a-z0-9-]+$/.test(r[1]))).toBe(true);
  });

  it("is the province's alone", async () => {
    const admin = (await api("POST", "/api/session", { body: { username: "admin", password: "admin", center: "lam-dong" } })).body.token;
    expect((await api("POST", "/api/province/reports", { token: admin, body: span })).status).toBe(403);
  });
});
