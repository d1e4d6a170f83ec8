import { Worker } from "node:worker_threads";
import { fail, STAFFING_MIN_SAMPLE, type CenterConfig, type Failure, type StaffingPlan, type StaffingPlanRequest } from "@motcua/protocol";
import { enoughToPlan, planSample } from "@motcua/simulator";
import type { DayState } from "@motcua/engine";
import type { QueueService } from "./queue-service.ts";
import type { PlanInput } from "./staffing-plan.ts";

/** A day with fewer tickets says too little about demand to plan from (and one seen for fewer hours: `STAFFING_MIN_SAMPLE`). */
export const MIN_TICKETS_TO_PLAN = STAFFING_MIN_SAMPLE.tickets;
const CACHE_SIZE = 16;
/** A plan takes seconds; one that takes this long is stuck and must not hold up the next. */
const PLAN_TIMEOUT_MS = 5 * 60_000;

export type PlanRunner = (config: PlanInput, day: DayState, target: StaffingPlanRequest["target"]) => Promise<StaffingPlan>;

/**
 * Staffing plans for the supervisor. Planning simulates a few hundred days (seconds of CPU),
 * so it runs in a worker thread, one plan at a time, and the hall's queue never waits for it.
 * A plan is kept until its day changes or the configuration does; the same question asked
 * again while it is being answered waits for that answer.
 */
export class StaffingPlanner {
  private tail: Promise<unknown> = Promise.resolve();
  private plans = new Map<string, Promise<StaffingPlan>>();
  private plansFor: CenterConfig | null = null;

  constructor(
    private readonly service: QueueService,
    private readonly run: PlanRunner = inWorker,
  ) {}

  async plan(req: StaffingPlanRequest): Promise<StaffingPlan | Failure> {
    const day = req.day ?? (await this.latestDay());
    const state = await this.service.recordedDay(day);
    if (!state) return fail("NOT_FOUND", `No service day ${day} on record.`);
    const config = this.service.config;
    // Too little data is said as such, never planned from: a day seen for an hour (or at 3 a.m.,
    // before it opened) would be staffed as if nobody came for the rest of it.
    const sample = planSample(config, state, this.service.now());
    if (!enoughToPlan(sample)) {
      const hours = sample.hoursObserved.toFixed(1);
      return fail(
        "BAD_REQUEST",
        `Day ${day} has too little data to plan from: ${sample.tickets} tickets for services still configured over ${hours} of its ${sample.hoursOpen} opening hours; a staffing plan needs at least ${STAFFING_MIN_SAMPLE.tickets} tickets and ${STAFFING_MIN_SAMPLE.hours} hours.`,
      );
    }
    if (this.plansFor !== config) {
      this.plans.clear();
      this.plansFor = config;
    }
    const key = JSON.stringify([day, state.version, req.target ?? null]);
    let plan = this.plans.get(key);
    if (!plan) {
      const input: PlanInput = {
        center: config.center,
        fields: config.fields,
        services: config.services,
        counters: config.counters,
        priorityGroups: config.priorityGroups,
        rules: config.rules,
      };
      plan = this.tail.then(() => this.run(input, state, req.target));
      this.tail = plan.catch(() => undefined);
      this.plans.set(key, plan);
      if (this.plans.size > CACHE_SIZE) this.plans.delete(this.plans.keys().next().value!);
    }
    try {
      return await plan;
    } catch (e) {
      if (this.plans.get(key) === plan) this.plans.delete(key);
      return fail("INTERNAL", `The staffing planner failed: ${(e as Error).message}`);
    }
  }

  /** The latest finished day with enough tickets; else today. */
  private async latestDay(): Promise<string> {
    const today = this.service.state.day;
    for (const day of (await this.service.recordedDays()).reverse()) {
      if (day >= today) continue;
      const state = await this.service.recordedDay(day);
      if (state && enoughToPlan(planSample(this.service.config, state, this.service.now()))) return day;
    }
    return today;
  }
}

/** Runs the planner in a worker thread; stops it if it takes too long. */
export function inWorker(config: PlanInput, day: DayState, target: StaffingPlanRequest["target"]): Promise<StaffingPlan> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./staffing-worker.mjs", import.meta.url), { workerData: { config, day, target } });
    const timer = setTimeout(() => {
      reject(new Error(`no plan after ${PLAN_TIMEOUT_MS / 1000} s`));
      void worker.terminate();
    }, PLAN_TIMEOUT_MS);
    worker.once("message", (m: { ok: true; plan: StaffingPlan } | { ok: false; message: string }) => {
      clearTimeout(timer);
      if (m.ok) resolve(m.plan);
      else reject(new Error(m.message));
      void worker.terminate();
    });
    worker.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    // A promise settles once: this only speaks when the worker died without an answer.
    worker.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the planner stopped (exit code ${code})`));
    });
  });
}
