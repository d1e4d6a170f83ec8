import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Report } from "@motcua/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoConfig, LowdbStore } from "@motcua/queue-server";
import { client, startTestServer, type TestServer } from "../helpers/harness.ts";
import { writeHistory } from "../helpers/history.ts";
import { readXlsx, rowsOf } from "../helpers/read-xlsx.ts";

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

  it("exports the same figures as an XLSX that opens and sums, and as a CSV with Vietnamese headers", async () => {
    const res = await fetch(`${server.url}/api/reports/export`, {
      method: "POST",
      headers: { authorization: `Bearer ${boss}`, "content-type": "application/json" },
      body: JSON.stringify({ from, to, format: "xlsx" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(`bao-cao-${from}-${to}.xlsx`);
    const book = readXlsx(Buffer.from(await res.arrayBuffer()));
    expect(book.map((s) => s.name)).toEqual(["Tổng hợp", "Theo lĩnh vực", "Theo quầy", "Theo cán bộ", "Theo giờ", "Theo ngày", "Năng suất"]);
    const days = rowsOf(book, "Theo ngày");
    expect(days[1]![2]).toBe("Số phiếu đã cấp");
    expect(days.slice(2).reduce((n, row) => n + Number(row[2]), 0)).toBe(tickets);
    expect(days).toHaveLength(DAYS + 2);
    expect(rowsOf(book, "Tổng hợp")[2]![2]).toBe(tickets);

    const csv = await fetch(`${server.url}/api/reports/export`, {
      method: "POST",
      headers: { authorization: `Bearer ${boss}`, "content-type": "application/json" },
      body: JSON.stringify({ from, to, format: "csv" }),
    });
    const text = await csv.text();
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(text.split("\r\n")[0]).toBe("Nhóm,Mã,Tên,Số phiếu đã cấp,Đã phục vụ,Vắng mặt,Lượt chuyển,Chờ trung bình (phút),Chờ trung vị (phút),Chờ P90 (phút),Tỷ lệ gọi trong 15 phút (%),Phục vụ trung bình (phút),Phục vụ trung vị (phút),Lượt đánh giá,Tỷ lệ hài lòng (%)");
    const dayRows = text.split("\r\n").filter((l) => l.startsWith("Theo ngày,"));
    expect(dayRows.reduce((n, l) => n + Number(l.split(",")[3]), 0)).toBe(tickets);
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
