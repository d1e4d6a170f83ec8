import { TARGET_WAIT_MINUTES, type StaffingPlan, type StaffingPlanRequest } from "@motcua/protocol";
import { addDays } from "@motcua/engine";
import { batch, computed, effect, signal } from "@preact/signals";
import { errorText } from "../error-text.ts";
import { STAFFING_TEXT } from "../staffing-i18n.ts";
import { snapshot } from "./dashboard.ts";
import { lang } from "./lang.ts";
import { api, expire } from "./session.ts";

// The staffing planner on the supervisor's dashboard: counters per field per half hour from a
// recorded day, checked on simulated days by the server (seconds of work).

/** The API's defaults: a request that asks for them sends no target and shares the server's cached plan. */
export const DEFAULT_TARGET = { meanWaitMinutes: TARGET_WAIT_MINUTES, within15Share: 0.8 };

export type Source = "latest" | "today" | "day";
export type PlanState = { kind: "idle" } | { kind: "loading"; started: number } | { kind: "error"; text: string } | { kind: "done"; plan: StaffingPlan };

/** The panel is folded until asked for: the live figures come first. */
export const expanded = signal(false);
export const source = signal<Source>("latest");
/** The last day one may plan from: the day before the server's. */
export const lastDay = computed(() => (snapshot.value ? addDays(snapshot.value.day, -1) : ""));
/** The past day as typed; until then, the last one. */
export const pastDay = signal<string | null>(null);
export const chosenDay = computed(() => pastDay.value ?? lastDay.value);
export const meanWait = signal("");
export const within = signal("");
export const state = signal<PlanState>({ kind: "idle" });
/** The loading line counts the seconds, so a long plan does not look like a stuck screen. */
export const now = signal(Date.now());

/** Only the latest request's answer counts; one left behind by a newer request (or a closed dashboard) is dropped. */
let asked = 0;

/** The request for the choices made, or null when the targets are out of bounds. */
function request(day: string): StaffingPlanRequest | null {
  const m = Number(meanWait.peek());
  const w = Number(within.peek()) / 100;
  if (!Number.isFinite(m) || !Number.isFinite(w) || m < 1 || m > 60 || w < 0.5 || w > 0.99) return null;
  const body: StaffingPlanRequest = {};
  if (source.peek() === "today") body.day = day;
  if (source.peek() === "day") body.day = chosenDay.peek();
  if (m !== DEFAULT_TARGET.meanWaitMinutes || w !== DEFAULT_TARGET.within15Share) body.target = { meanWaitMinutes: m, within15Share: w };
  return body;
}

export async function plan(): Promise<void> {
  const d = snapshot.peek();
  if (!d) return;
  const l = lang.peek();
  const t = STAFFING_TEXT[l];
  if (source.peek() === "day" && !/^\d{4}-\d{2}-\d{2}$/.test(chosenDay.peek())) return void (state.value = { kind: "error", text: t.chooseDay });
  const body = request(d.day);
  if (!body) return void (state.value = { kind: "error", text: t.badTargets });
  const mine = ++asked;
  state.value = { kind: "loading", started: Date.now() };
  // The server gives up on a plan after its own limit; a line that never answers must not spin forever.
  const r = await api("staffingPlan", { body, timeoutMs: 120_000 });
  if (asked !== mine) return;
  if (r.ok) return void (state.value = { kind: "done", plan: r.data });
  if (r.code === "UNAUTHENTICATED") return expire();
  const text =
    r.code === "NOT_FOUND" ? t.notFound(body.day)
    : r.code === "BAD_REQUEST" ? t.tooFew(body.day)
    : r.code === "FORBIDDEN" ? t.forbidden
    : r.code === "INTERNAL" ? t.failed
    : r.code === "OFFLINE" ? t.offline
    : errorText(r, l);
  state.value = { kind: "error", text };
}

/** The panel as it is when the dashboard opens; returns how to drop what is still on its way. */
export function start(): () => void {
  asked++;
  batch(() => {
    expanded.value = false;
    source.value = "latest";
    pastDay.value = null;
    meanWait.value = String(DEFAULT_TARGET.meanWaitMinutes);
    within.value = String(DEFAULT_TARGET.within15Share * 100);
    state.value = { kind: "idle" };
  });
  const loading = computed(() => state.value.kind === "loading");
  const stopTick = effect(() => {
    if (!loading.value) return;
    now.value = Date.now();
    const timer = setInterval(() => (now.value = Date.now()), 1000);
    return () => clearInterval(timer);
  });
  return () => {
    asked++;
    stopTick();
  };
}
