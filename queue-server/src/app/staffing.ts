import { Worker } from "node:worker_threads";
import { fail, type CenterConfig, type Failure, type StaffingPlan, type StaffingPlanRequest } from "@motcua/protocol";
import type { DayState } from "../engine/index.ts";
import type { QueueService } from "./queue-service.ts";
import type { PlanInput } from "./staffing-plan.ts";

/** A day with fewer tickets says too little about demand to plan from. */
export const MIN_TICKETS_TO_PLAN = 20;
const CACHE_SIZE = 16;

/**
 * Staffing plans for the supervisor. Planning simulates a few hundred days (seconds of CPU),
 * so it runs in a worker thread, one plan at a time, and the hall's queue never waits for it.
 * A plan is kept until its day changes or the configuration does.
 */
export class StaffingPlanner {
  private tail: Promise<unknown> = Promise.resolve();
  private cache = new Map<string, StaffingPlan>();
  private cachedFor: CenterConfig | null = null;

  constructor(private readonly service: QueueService) {}

  async plan(req: StaffingPlanRequest): Promise<StaffingPlan | Failure> {
    const day = req.day ?? (await this.latestDay());
    const state = await this.service.recordedDay(day);
    if (!state) return fail("NOT_FOUND", `No service day ${day} on record.`);
    if (state.order.length < MIN_TICKETS_TO_PLAN) {
      return fail("BAD_REQUEST", `Day ${day} has ${state.order.length} tickets; a staffing plan needs a day with at least ${MIN_TICKETS_TO_PLAN}.`);
    }
    const config = this.service.config;
    if (this.cachedFor !== config) {
      this.cache.clear();
      this.cachedFor = config;
    }
    const key = JSON.stringify([day, state.version, req.target ?? null]);
    const known = this.cache.get(key);
    if (known) return known;
    const input: PlanInput = {
      center: config.center,
      fields: config.fields,
      services: config.services,
      counters: config.counters,
      priorityGroups: config.priorityGroups,
      rules: config.rules,
    };
    const job = this.tail.then(() => inWorker(input, state, req.target));
    this.tail = job.catch(() => undefined);
    try {
      const plan = await job;
      this.cache.set(key, plan);
      if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
      return plan;
    } catch (e) {
      return fail("INTERNAL", `The staffing planner failed: ${(e as Error).message}`);
    }
  }

  /** The latest finished day with enough tickets; else today. */
  private async latestDay(): Promise<string> {
    const today = this.service.state.day;
    for (const day of (await this.service.recordedDays()).reverse()) {
      if (day >= today) continue;
      const state = await this.service.recordedDay(day);
      if (state && state.order.length >= MIN_TICKETS_TO_PLAN) return day;
    }
    return today;
  }
}

function inWorker(config: PlanInput, day: DayState, target: StaffingPlanRequest["target"]): Promise<StaffingPlan> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./staffing-worker.mjs", import.meta.url), { workerData: { config, day, target } });
    worker.once("message", (m: { ok: true; plan: StaffingPlan } | { ok: false; message: string }) => {
      if (m.ok) resolve(m.plan);
      else reject(new Error(m.message));
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the planner stopped (exit code ${code})`)));
  });
}
