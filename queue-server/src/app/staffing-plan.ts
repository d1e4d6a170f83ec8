import type { CenterConfig, StaffingPlan, StaffingPlanRequest } from "@motcua/protocol";
import { hhmm, planStaffing, plannable, scenarioFromDay, staffHoursOf, STANDARD, type WaitFigures } from "@motcua/simulator";
import type { DayState } from "@motcua/engine";

export type PlanInput = Pick<CenterConfig, "center" | "fields" | "services" | "counters" | "priorityGroups" | "rules">;

const figures = (f: WaitFigures) => ({
  visits: f.visits,
  meanWaitMinutes: f.meanWait,
  p90WaitMinutes: f.p90Wait,
  within15Share: f.within15,
});

/**
 * The staffing planner on a recorded day: the day becomes a scenario, the planner staffs it
 * and checks the plan on simulated days. Pure and CPU-bound: the server runs it in a worker.
 */
export function planFromDay(config: PlanInput, day: DayState, target?: StaffingPlanRequest["target"]): StaffingPlan {
  const scenario = scenarioFromDay(config, day);
  const plan = planStaffing(scenario, {
    target: target ? { meanWait: target.meanWaitMinutes, within15: target.within15Share } : STANDARD,
  });
  return {
    basedOn: { day: day.day, tickets: plannable(config, day).length },
    target: { meanWaitMinutes: plan.target.meanWait, within15Share: plan.target.within15 },
    slots: plan.slots.map((x) => ({ from: hhmm(x.from), to: hhmm(x.to), counters: x.counters })),
    staffHours: plan.staffHours,
    configuredStaffHours: staffHoursOf(scenario),
    peakCounters: plan.peakCounters,
    desks: plan.desks,
    met: plan.met,
    check: {
      days: plan.check.seeds.length,
      overall: figures(plan.check.overall),
      fields: plan.check.fields.map((f) => ({ fieldId: f.id, ...figures(f) })),
    },
  };
}
