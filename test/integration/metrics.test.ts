import { describe, expect, it } from "vitest";
import { client, connect, connected, DISPLAY, startTestServer } from "../helpers/harness.ts";

/** One sample's value from Prometheus's text format, by its name and labels as written. */
const sample = (text: string, series: string) => Number(text.split("\n").find((l) => l.startsWith(`${series} `))?.split(" ")[1] ?? NaN);

describe("the operator's metrics", () => {
  it("count tickets, waits, service, commands, the store's writes and the screens, for this machine", async () => {
    const server = await startTestServer();
    const board = connect(server.url, "/display", DISPLAY);
    try {
      await connected(board);
      const c = client(server.url);
      const t = await c.issue("khai-sinh");
      const officer = await c.openCounter("canbo1", "quay-1");
      expect((await c.api("POST", "/api/counters/quay-1/next", { token: officer })).body.number).toBe(t.number);
      await c.api("POST", `/api/tickets/${t.id}/start`, { token: officer });
      await c.api("POST", `/api/tickets/${t.id}/complete`, { token: officer });
      const res = await fetch(`${server.url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/plain");
      const text = await res.text();
      expect(sample(text, 'motcua_tickets_issued_total{center="lam-dong"}')).toBe(1);
      expect(sample(text, 'motcua_tickets_served_total{center="lam-dong"}')).toBe(1);
      expect(sample(text, 'motcua_wait_seconds_count{center="lam-dong"}')).toBe(1);
      expect(sample(text, 'motcua_service_seconds_count{center="lam-dong"}')).toBe(1);
      expect(sample(text, 'motcua_commands_total{center="lam-dong"}')).toBeGreaterThanOrEqual(5);
      expect(sample(text, "motcua_store_write_seconds_count")).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'motcua_connected_screens{kind="display"}')).toBe(1);
      expect(sample(text, 'motcua_waiting{center="lam-dong"}')).toBe(0);
    } finally {
      board.close();
      await server.destroy();
    }
  });

  it("are an operator's: this machine only, or whoever has the key", async () => {
    // Behind a proxy on this machine, a phone's request carries its own address: refused.
    const proxied = await startTestServer({ trustProxy: "loopback" });
    const keyed = await startTestServer({ metricsKey: "khoa-giam-sat-rat-dai" });
    try {
      expect((await fetch(`${proxied.url}/metrics`, { headers: { "x-forwarded-for": "203.0.113.5" } })).status).toBe(403);
      expect((await fetch(`${proxied.url}/metrics`)).status).toBe(200);
      expect((await fetch(`${keyed.url}/metrics`)).status).toBe(403);
      expect((await fetch(`${keyed.url}/metrics`, { headers: { authorization: "Bearer sai" } })).status).toBe(403);
      expect((await fetch(`${keyed.url}/metrics`, { headers: { authorization: "Bearer khoa-giam-sat-rat-dai" } })).status).toBe(200);
    } finally {
      await proxied.destroy();
      await keyed.destroy();
    }
  });
});
