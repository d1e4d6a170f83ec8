import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Report } from "@motcua/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoConfig, LowdbStore } from "@motcua/queue-server";
import { client, startTestServer, type TestServer } from "../helpers/harness.ts";
import { writeHistory } from "../helpers/history.ts";
import { hallClock } from "../helpers/clock.ts";
import { hanoiStamp, readCsv, viNumber } from "../helpers/read-csv.ts";
import { readXlsx, rowsOf } from "../helpers/read-xlsx.ts";

const dmy = (day: string) => day.split("-").reverse().join("/");

const DAYS = 90;

describe("reports over a seeded 90-day history", () => {
  let server: TestServer;
  let boss: string;
  let from: string;
  let to: string;
  let tickets: number;

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "motcua-reports-"));
    const history = await writeHistory(dataDir, await demoConfig(), DAYS, 6, [200, 400]);
    tickets = history.tickets;
    server = await startTestServer({ dataDir });
    boss = await client(server.url).login("giamsat");
    const days = (await new LowdbStore(dataDir).listDays()).filter((d) => d < server.service.state.day);
    [from, to] = [days[0]!, days[days.length - 1]!];
  }, 60_000);
  afterAll(() => server?.destroy());

  it("counts every ticket once, overall and in each grouping, with waits, service times and satisfaction", async () => {
    const started = performance.now();
    const r = await client(server.url).api("POST", "/api/reports", { token: boss, body: { from, to } });
    const first = performance.now() - started;
    expect(r.status).toBe(200);
    const report = Report.parse(r.body);
    expect(report.days).toBe(DAYS);
    expect(report.overall.issued).toBe(tickets);
    const sum = (rows: { issued: number }[]) => rows.reduce((n, x) => n + x.issued, 0);
    expect(sum(report.byField)).toBe(tickets);
    expect(sum(report.byHour)).toBe(tickets);
    expect(sum(report.byDay)).toBe(tickets);
    // Every field had visitors in the simulated days: each has its row, in the configuration's order.
    expect(report.byField.map((f) => f.id)).toEqual(server.service.config.fields.map((f) => f.id));
    const o = report.overall;
    expect(o.waitMedian!).toBeLessThanOrEqual(o.waitP90!);
    expect(o.within15Share!).toBeGreaterThan(0);
    expect(o.satisfactionRate!).toBeGreaterThan(0.8);
    expect(report.byStaff.map((s) => s.name)).toContain("Nguyễn Thị Hoa");
    expect(report.byStaff.reduce((n, s) => n + s.served, 0)).toBe(o.served);
    expect(report.staffYear.yardstick).toBe(1600);
    expect(report.staffYear.rows.length).toBeGreaterThan(5);

    // The second time reads the kept daily summaries only: the days themselves are not needed (emptied here).
    for (const day of (await new LowdbStore(server.dataDir).listDays()).filter((d) => d < server.service.state.day)) {
      await writeFile(join(server.dataDir, "days", `${day}.json`), "null");
    }
    const again = performance.now();
    const second = await client(server.url).api("POST", "/api/reports", { token: boss, body: { from, to } });
    expect(second.body).toEqual(r.body);
    console.log(`report of ${DAYS} days, ${tickets} tickets: ${first.toFixed(0)} ms the first time, ${(performance.now() - again).toFixed(0)} ms from summaries`);
  });

  it("exports the same figures as an XLSX that opens and sums, and as a CSV for a Vietnamese Excel, each headed and naming its rows", async () => {
    const center = server.service.config.center;
    const exported = async (format: "csv" | "xlsx") => {
      const before = hallClock();
      const res = await fetch(`${server.url}/api/reports/export`, {
        method: "POST",
        headers: { authorization: `Bearer ${boss}`, "content-type": "application/json" },
        body: JSON.stringify({ from, to, format }),
      });
      expect(res.status).toBe(200);
      // Made at the hall's clock: the minute before or after the request, should one turn during it.
      return { res, bytes: Buffer.from(await res.arrayBuffer()), made: [hanoiStamp(before), hanoiStamp(hallClock())].map((t) => `Lập lúc: ${t}`) };
    };
    const heading = (made: string[]) => [`Đơn vị: ${center.name}`, `Kỳ báo cáo: ${dmy(from)} – ${dmy(to)}`, expect.toBeOneOf(made)];
    const ids = [...server.service.config.fields.map((f) => f.id), ...server.service.config.counters.map((c) => c.id), ...server.service.config.staff.map((p) => p.id)];

    const x = await exported("xlsx");
    expect(x.res.headers.get("content-disposition")).toContain(`bao-cao-${center.id}-${from}_${to}.xlsx`);
    const book = readXlsx(x.bytes);
    expect(book.map((s) => s.name)).toEqual(["Tổng hợp", "Theo lĩnh vực", "Theo quầy", "Theo cán bộ", "Theo giờ", "Theo ngày", "Năng suất"]);
    for (const sheet of book) expect(sheet.rows.slice(0, 3).map((r) => r[0])).toEqual(heading(x.made));
    const days = rowsOf(book, "Theo ngày");
    expect(days[4]!.slice(0, 2)).toEqual(["Ngày", "Số phiếu đã cấp"]);
    expect(days.slice(5).reduce((n, row) => n + Number(row[1]), 0)).toBe(tickets);
    expect(days).toHaveLength(DAYS + 5);
    expect(rowsOf(book, "Tổng hợp")[5]!.slice(0, 2)).toEqual(["Toàn trung tâm", tickets]);
    // Fields, counters and officers by the names people know them by; no internal id anywhere.
    expect(rowsOf(book, "Theo lĩnh vực").slice(5).map((r) => r[0])).toEqual(server.service.config.fields.map((f) => f.name));
    expect(rowsOf(book, "Theo quầy").slice(5).map((r) => r[0])).toContain(server.service.config.counters[0]!.name);
    expect(rowsOf(book, "Theo cán bộ").slice(5).map((r) => r[0])).toContain("Nguyễn Thị Hoa");
    for (const id of ids) expect(book.flatMap((s) => s.rows.flat())).not.toContain(id);

    const c = await exported("csv");
    expect(c.res.headers.get("content-type")).toContain("text/csv");
    expect(c.res.headers.get("content-disposition")).toContain(`bao-cao-${center.id}-${from}_${to}.csv`);
    const lines = readCsv(c.bytes);
    expect(lines.slice(0, 3).map((l) => l[0])).toEqual(heading(c.made));
    expect(lines[3]).toEqual([""]);
    expect(lines[4]).toEqual(["Nhóm", "Tên", "Số phiếu đã cấp", "Đã phục vụ", "Vắng mặt", "Lượt chuyển", "Chờ trung bình (phút)", "Chờ trung vị (phút)", "Chờ P90 (phút)", "Tỷ lệ gọi trong 15 phút (%)", "Phục vụ trung bình (phút)", "Phục vụ trung vị (phút)", "Lượt đánh giá", "Tỷ lệ hài lòng (%)"]);
    const dayRows = lines.filter((l) => l[0] === "Theo ngày");
    expect(dayRows.reduce((n, l) => n + viNumber(l[2])!, 0)).toBe(tickets);
    // The same figures as the workbook's, decimal commas read back.
    const overall = lines.find((l) => l[0] === "Tổng hợp")!;
    expect(overall.slice(2).map(viNumber)).toEqual(rowsOf(book, "Tổng hợp")[5]!.slice(1).map((v) => v ?? null));
    expect(lines.filter((l) => l[0] === "Theo lĩnh vực").map((l) => l[1])).toEqual(server.service.config.fields.map((f) => f.name));
    for (const id of ids) expect(lines.flat()).not.toContain(id);
  });

  it("is for leaders only, and refuses a backwards or longer-than-a-year span", async () => {
    const c = client(server.url);
    const staff = await c.login("canbo1");
    expect((await c.api("POST", "/api/reports", { token: staff, body: { from, to } })).status).toBe(403);
    expect((await c.api("POST", "/api/reports", { token: boss, body: { from: to, to: from } })).status).toBe(400);
    expect((await c.api("POST", "/api/reports", { token: boss, body: { from: "2024-01-01", to: "2025-06-01" } })).status).toBe(400);
    expect((await c.api("POST", "/api/reports/export", { token: boss, body: { from, to, format: "pdf" } })).status).toBe(400);
  });
});
