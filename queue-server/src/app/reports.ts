import type { Report } from "@motcua/protocol";
import type { Logger } from "../log.ts";
import { buildReport, daysBetween } from "../reports/report.ts";
import { SUMMARY_VERSION, summarizeDay, type DaySummary } from "../reports/summary.ts";
import type { Store } from "../store/types.ts";
import type { QueueService } from "./queue-service.ts";

/**
 * Reports over any span, from daily summaries: a finished day is summarised once (when the next
 * day starts, or the first time a report needs it) and kept; today is summarised live.
 */
export class Reports {
  constructor(
    private readonly service: QueueService,
    private readonly store: Store,
    private readonly log: Logger,
  ) {
    // The day that just ended is summarised now, so tomorrow's reports do not wait for it.
    service.onDayStarted(() => {
      void this.recordedBefore(service.state.day)
        .then((days) => (days.length ? this.summary(days[days.length - 1]!) : null))
        .catch((e) => log.error({ err: e }, "could not summarise the finished day"));
    });
  }

  private async recordedBefore(day: string): Promise<string[]> {
    return (await this.service.recordedDays()).filter((d) => d < day);
  }

  /** A day's summary: live for today, stored for a finished day (made and kept on first use). */
  async summary(day: string): Promise<DaySummary | null> {
    const { config, state } = this.service;
    if (day === state.day) return summarizeDay(config, state, this.service.now());
    const kept = await this.store.loadSummary(day);
    // A summary made by an older version of the arithmetic is made again from the day itself.
    if (kept && kept.version === SUMMARY_VERSION) return kept;
    const recorded = await this.service.recordedDay(day);
    if (!recorded) return null;
    // A finished day: whoever was still waiting at its end was never called.
    const made = summarizeDay(config, recorded, Number.POSITIVE_INFINITY);
    await this.store.saveSummary(made).catch((e) => this.log.warn({ err: e, day }, "could not keep a day summary"));
    return made;
  }

  async report(from: string, to: string): Promise<Report> {
    const span = daysBetween(from, to);
    const year = daysBetween(`${to.slice(0, 4)}-01-01`, to);
    // Each day once, though the span and the year to date mostly overlap.
    const loaded = await this.summaries([...new Set([...span, ...year])]);
    const pick = (days: string[]) => days.flatMap((d) => loaded.get(d) ?? []);
    return buildReport(this.service.config, from, to, pick(span), pick(year), this.service.state.day);
  }

  /**
   * The summaries of those of `days` the center recorded, by day: a few at a time, so a first
   * report over a year does not hold 365 day files in memory at once.
   */
  async summaries(days: string[]): Promise<Map<string, DaySummary>> {
    const recorded = new Set([...(await this.service.recordedDays()), this.service.state.day]);
    const wanted = days.filter((d) => recorded.has(d)).sort();
    const loaded = new Map<string, DaySummary>();
    for (let i = 0; i < wanted.length; i += 8) {
      const batch = wanted.slice(i, i + 8);
      const made = await Promise.all(batch.map((d) => this.summary(d)));
      batch.forEach((d, j) => made[j] && loaded.set(d, made[j]!));
    }
    return loaded;
  }
}
