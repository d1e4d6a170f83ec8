export { simulate, engineConfigOf, type SimResult, type Visit, type CounterUse } from "./simulate.ts";
export { Scenario, type ScenarioInput, hhmm, openSpans, staffHoursOf, expectedVisits, takesAppointments, withoutAppointments } from "./scenario.ts";
export { plannable, scenarioFromDay } from "./history.ts";
export { planStaffing, staffedScenario, formatPlan, STANDARD, SLOT_MINUTES, type PlanTarget, type PlanSlot, type StaffingPlan, type PlanOptions } from "./planner.ts";
export { report, formatReport, figuresOf, type WaitFigures, type DayReport } from "./report.ts";
export { erlangB, erlangC, mmcMeanWait, mmcServiceLevel, serversForTarget, timeVaryingMeanWait } from "./erlang.ts";
export { POLICIES, withPolicy, comparePolicies, type Policy, type PolicyFigures } from "./policies.ts";
export { createRandom, type Random } from "./random.ts";
