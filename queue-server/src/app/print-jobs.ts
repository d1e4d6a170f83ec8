import type { PrintJob, PrintResult, PrinterStatus, PrinterStatusReport } from "@motcua/protocol";
import type { DevicePrincipal, Principal } from "../auth/principal.ts";
import { toTicket } from "@motcua/engine";
import type { QueueService } from "./queue-service.ts";

export interface PrinterReport {
  stationId: string;
  kioskIds: string[];
  ok: boolean;
  status: PrinterStatus | null;
  message?: string;
  ticketId?: string;
}

/**
 * What one instance tells the others serving the same center: a job it made (its kiosk's socket is
 * there, the station's may be on another), a job a station answered, a printer's report.
 */
export type PrintNews = { kind: "job"; job: PrintJob } | { kind: "done"; jobId: string } | { kind: "report"; report: PrinterReport };

/** A printer that can print now: a roll near its end still prints. */
const healthy = (s: PrinterStatus) => s.online && !s.paperOut && !s.coverOpen && !s.error;

/** Does this station print for this kiosk? A station with no kiosks listed prints for all. */
const serves = (station: Pick<DevicePrincipal, "kioskIds">, kioskId: string) => station.kioskIds.length === 0 || station.kioskIds.includes(kioskId);

/**
 * Tickets waiting for a station to print them. The ticket itself is stored before it is
 * answered; a print job is only the paper copy, so jobs live in memory: after a restart the
 * citizen still has the ticket on the kiosk screen and by its QR. A station asks for what is
 * pending each time it connects, and says for each job whether it printed, with the printer's
 * status; every answer ends the job. A job nobody printed within two minutes, or whose ticket
 * was already called, is dropped: a late paper copy would only confuse.
 */
/** A paper copy is useful while the citizen stands at the kiosk; after that it is waste. */
const JOB_TTL_MS = 2 * 60_000;
const MAX_JOBS = 500;

export class PrintJobs {
  private jobs = new Map<string, { job: PrintJob; at: number }>();
  private jobListeners: ((job: PrintJob) => void)[] = [];
  private reportListeners: ((report: PrinterReport) => void)[] = [];
  /** Each station's last word, so a kiosk that (re)connects knows its printer's state. */
  private lastReports = new Map<string, PrinterReport>();
  /** Where instances share the center: tells the others (realtime/index.ts carries it over the adapter). */
  private tell: ((news: PrintNews) => void) | null = null;

  constructor(
    private readonly service: QueueService,
    /** The address citizens' phones reach the server at: the ticket's QR opens a page there. */
    private readonly publicUrl: () => string,
  ) {
    service.onDayStarted(() => this.jobs.clear());
  }

  /** The page a ticket's QR opens: its unguessable follow link. */
  followUrl(followToken: string): string {
    return `${this.followBase()}/${followToken}`;
  }
  /** Where phones are sent (the server's public address). */
  publicBase(): string {
    return this.publicUrl();
  }
  followBase(): string {
    return `${this.publicUrl()}/f`;
  }

  /** Every station's last report, for the supervisor's dashboard. */
  reports(): PrinterReport[] {
    return [...this.lastReports.values()];
  }

  /** The last report from a station that prints for this kiosk; null when none spoke yet. */
  lastReportFor(kioskId: string): PrinterReport | null {
    let last: PrinterReport | null = null;
    for (const r of this.lastReports.values()) if (serves(r, kioskId)) last = r;
    return last;
  }

  /** Shares this center's jobs and reports with the other instances; answers how to take in theirs. */
  share(tell: (news: PrintNews) => void): (news: PrintNews) => void {
    this.tell = tell;
    return (news) => {
      if (news.kind === "job") this.add(news.job);
      else if (news.kind === "done") this.jobs.delete(news.jobId);
      else this.record(news.report, false);
    };
  }

  onJob(fn: (job: PrintJob) => void): void {
    this.jobListeners.push(fn);
  }
  onReport(fn: (report: PrinterReport) => void): void {
    this.reportListeners.push(fn);
  }

  /** A kiosk issued a ticket: its station prints it. Tickets staff issue at a counter are not printed here. */
  issued(by: Principal, ticketId: string): void {
    if (by.kind !== "device" || by.role !== "kiosk") return;
    const { config, state } = this.service;
    const t = state.tickets[ticketId];
    if (!t) return;
    const wire = toTicket(config, state, t, t.issuedAt);
    const service = config.services.find((s) => s.id === t.serviceId);
    const field = config.fields.find((f) => f.id === service?.fieldId);
    const job: PrintJob = {
      // Named by the ticket, not by this instance's count: every instance knows the job by one name.
      id: `${ticketId}#${by.id}`,
      kioskId: by.id,
      ticketId,
      ticket: {
        number: t.number,
        serviceName: service?.name ?? t.serviceId,
        ...(field ? { fieldName: field.name } : {}),
        issuedAt: wire.issuedAt,
        ahead: wire.ahead,
        estimatedWait: wire.estimatedWait,
        counterNumbers: config.counters.filter((c) => c.serviceIds.includes(t.serviceId)).map((c) => c.number),
        followUrl: t.followToken ? this.followUrl(t.followToken) : this.publicUrl(),
        ...(wire.appointmentAt ? { appointmentAt: wire.appointmentAt } : {}),
      },
      center: { name: config.center.name, hotline: config.center.hotline },
    };
    this.add(job);
    this.tell?.({ kind: "job", job });
  }

  private add(job: PrintJob): void {
    this.sweep();
    this.jobs.set(job.id, { job, at: this.service.now() });
    if (this.jobs.size > MAX_JOBS) this.jobs.delete(this.jobs.keys().next().value!);
    for (const fn of this.jobListeners) fn(job);
  }

  pendingFor(station: DevicePrincipal): PrintJob[] {
    this.sweep();
    return [...this.jobs.values()].map((j) => j.job).filter((j) => serves(station, j.kioskId));
  }

  /** Forgets jobs too old to help, and those whose ticket no longer waits (called, cancelled). */
  private sweep(): void {
    const now = this.service.now();
    const { tickets } = this.service.state;
    for (const [id, { job, at }] of this.jobs) {
      if (now - at > JOB_TTL_MS || tickets[job.ticketId]?.status !== "waiting") this.jobs.delete(id);
    }
  }

  /** A station's answer for a job; false when the job is not one of this station's. */
  done(station: DevicePrincipal, result: PrintResult): boolean {
    const job = this.jobs.get(result.jobId)?.job;
    if (!job || !serves(station, job.kioskId)) return false;
    this.jobs.delete(job.id);
    this.tell?.({ kind: "done", jobId: job.id });
    const status = result.status;
    this.record({
      stationId: station.id,
      kioskIds: station.kioskIds,
      ok: result.printed && (status === null || healthy(status)),
      status,
      ...(result.message ? { message: result.message } : {}),
      ticketId: job.ticketId,
    });
    return true;
  }

  /**
   * A station's printer changed between tickets: the same report as after a print, without a
   * ticket, so kiosks and the dashboard raise or clear their warning the same way.
   */
  statusChanged(station: DevicePrincipal, report: PrinterStatusReport): void {
    this.record({
      stationId: station.id,
      kioskIds: station.kioskIds,
      ok: healthy(report.status),
      status: report.status,
      ...(report.message ? { message: report.message } : {}),
    });
  }

  private record(report: PrinterReport, ours = true): void {
    // Map order is insertion order: the latest report goes last.
    this.lastReports.delete(report.stationId);
    this.lastReports.set(report.stationId, report);
    for (const fn of this.reportListeners) fn(report);
    if (ours) this.tell?.({ kind: "report", report });
  }
}
