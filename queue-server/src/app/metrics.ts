import { NAMESPACES, type NamespaceName } from "@motcua/protocol";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Server } from "socket.io";
import type { ConnectionGuard } from "../http/connections.ts";
import type { Deployment } from "./deployment.ts";

const MINUTE = 60;

/**
 * The deployment's figures in Prometheus's format, for an operator's monitoring: tickets issued
 * and served, waits and service times, commands and the store's write time, per center; screens
 * connected by kind, printers by state and the connections held and refused, read at each scrape.
 */
export function deploymentMetrics(deployment: Deployment, io: Server, connections?: ConnectionGuard): Registry {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: "motcua_process_" });
  const issued = new Counter({ name: "motcua_tickets_issued_total", help: "Tickets issued", labelNames: ["center"], registers });
  const served = new Counter({ name: "motcua_tickets_served_total", help: "Tickets served to the end", labelNames: ["center"], registers });
  const waits = new Histogram({
    name: "motcua_wait_seconds",
    help: "From joining the queue to the call (the plan's target: 15 minutes)",
    labelNames: ["center"],
    buckets: [1, 5, 10, 15, 20, 30, 45, 60, 120].map((m) => m * MINUTE),
    registers,
  });
  const service = new Histogram({
    name: "motcua_service_seconds",
    help: "From the start of service at the counter to its end",
    labelNames: ["center"],
    buckets: [1, 3, 5, 10, 15, 30, 60].map((m) => m * MINUTE),
    registers,
  });
  const commands = new Counter({ name: "motcua_commands_total", help: "Commands stored in the journal", labelNames: ["center"], registers });
  const writes = new Histogram({
    name: "motcua_store_write_seconds",
    help: "Time to write a batch of commands durably (fsync or commit)",
    buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
    registers,
  });
  new Gauge({
    name: "motcua_waiting",
    help: "Citizens waiting now",
    labelNames: ["center"],
    registers,
    collect() {
      for (const h of deployment.all()) this.set({ center: h.center }, Object.values(h.service.state.tickets).filter((t) => t.status === "waiting").length);
    },
  });
  new Gauge({
    name: "motcua_connected_screens",
    help: "Sockets connected to this instance, by kind of screen",
    labelNames: ["kind"],
    registers,
    collect() {
      for (const n of Object.keys(NAMESPACES) as NamespaceName[]) this.set({ kind: n }, io.of(NAMESPACES[n].path).sockets.size);
    },
  });
  if (connections) {
    // An address that keeps hitting its cap is someone holding connections open: worth an alert.
    new Gauge({
      name: "motcua_connections_open",
      help: "TCP connections open to this instance",
      registers,
      collect() {
        this.set(connections.open());
      },
    });
    new Counter({
      name: "motcua_connections_refused_total",
      help: "Connections closed at once because their address held its cap",
      registers,
      collect() {
        this.reset();
        this.inc(connections.refused());
      },
    });
  }
  new Gauge({
    name: "motcua_printers",
    help: "Stations by their printer's last report",
    labelNames: ["state"],
    registers,
    collect() {
      const reports = deployment.all().flatMap((h) => h.prints.reports());
      this.set({ state: "ok" }, reports.filter((r) => r.ok).length);
      this.set({ state: "trouble" }, reports.filter((r) => !r.ok).length);
    },
  });

  deployment.eachHall((hall) => {
    const center = hall.center;
    hall.service.onChange((c) => {
      for (const e of c.events) {
        if (e.type === "ticket.issued") issued.inc({ center });
        else if (e.type === "ticket.called") {
          const t = c.after.tickets[e.ticketId];
          // From joining the queue (a transferred citizen keeps their place) to this call.
          if (t) waits.observe({ center }, Math.max(0, (e.at - t.queuedAt) / 1000));
        } else if (e.type === "ticket.completed") {
          served.inc({ center });
          const t = c.after.tickets[e.ticketId];
          if (t?.startedAt != null) service.observe({ center }, Math.max(0, (e.at - t.startedAt) / 1000));
        }
      }
    });
    hall.service.onWrite((ms, n) => {
      writes.observe(ms / 1000);
      commands.inc({ center }, n);
    });
  });
  return registry;
}
