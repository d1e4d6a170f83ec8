import { PhoneNumber, type AppointmentOffer, type SlotList } from "@motcua/protocol";
import { batch, computed, effect, signal } from "@preact/signals";
import { BOOK_WORDS } from "./book-words.ts";
import { serviceIn } from "./links.ts";
import { api, lang, missesCenter } from "./store.ts";

// Booking an appointment (đặt lịch hẹn) from a phone: field → procedure → day → time → phone
// number → confirm, then the booking's own page (/f/<token>) with its code and QR. Loaded only
// when someone opens /c/hen, so the follow page stays small.

export const STEPS = ["field", "service", "day", "slot", "phone", "confirm"] as const;
export type Step = (typeof STEPS)[number];

interface Choice {
  fieldId: string;
  serviceId: string;
  date: string;
  time: string;
  phone: string;
}

/** The step asked for, or the last one the choices made so far reach (after a reload or a forward tap). */
function reachable(step: Step, c: Choice): Step {
  const needs: [Step, boolean][] = [
    ["service", c.fieldId !== ""],
    ["day", c.serviceId !== ""],
    ["slot", c.date !== ""],
    ["phone", c.time !== ""],
    ["confirm", PhoneNumber.safeParse(c.phone).success],
  ];
  let at: Step = "field";
  for (const [s, ok] of needs) {
    if (!ok || STEPS.indexOf(s) > STEPS.indexOf(step)) break;
    at = s;
  }
  return at;
}

export const offer = signal<AppointmentOffer | null>(null);
export const offerFailed = signal(false);
/** The step the citizen went to (a tap, Back); `step` is where the choices let them be. */
const asked = signal<Step>("field");
export const choice = signal<Choice>({ fieldId: "", serviceId: "", date: "", time: "", phone: "" });
export const slots = signal<SlotList | null>(null);
export const slotsFailed = signal(false);
const slotsAsked = signal(0);
export const error = signal<string | null>(null);
/** The last try did not reach the center: the button says "Thử lại", every choice is kept. */
export const offline = signal(false);
export const busy = signal(false);

export const step = computed(() => reachable(asked.value, choice.value));
export const field = computed(() => offer.value?.fields.find((f) => f.id === choice.value.fieldId));
export const service = computed(() => field.value?.services.find((s) => s.id === choice.value.serviceId));
/** A field with one procedure skips the procedure step. */
export const oneService = computed(() => field.value?.services.length === 1);
export const flow = computed(() => STEPS.filter((s) => s !== "service" || !oneService.value));
// Apart from `choice`, so typing the phone number does not ask for the times again.
const slotField = computed(() => choice.value.fieldId);
const slotDate = computed(() => choice.value.date);

export function startBooking(): void {
  effect(() => {
    document.title = `${BOOK_WORDS[lang.value].title} – motcua`;
  });
  void loadOffer();

  // Each step is a page in the browser's history: the phone's back button goes one step back.
  history.replaceState({ step: "field" }, "");
  addEventListener("popstate", (e: PopStateEvent) => {
    const s = (e.state as { step?: Step } | null)?.step;
    batch(() => {
      asked.value = s && STEPS.includes(s) ? s : "field";
      error.value = null;
    });
  });

  // The times are asked each time the citizen reaches them: places go while they choose.
  effect(() => {
    if (step.value !== "slot") return;
    void slotsAsked.value;
    const fieldId = slotField.value;
    const date = slotDate.value;
    if (!fieldId || !date) return;
    let alive = true;
    batch(() => {
      slots.value = null;
      slotsFailed.value = false;
    });
    void api("appointmentSlots", { query: { fieldId, date } }).then((r) => {
      if (!alive) return;
      if (r.ok) slots.value = r.data;
      else slotsFailed.value = true;
    });
    return () => {
      alive = false;
    };
  });
}

/** A link from the units page names the procedure chosen there: the booking starts at its days, once. */
let wanted = serviceIn(location.search);

export async function loadOffer(): Promise<void> {
  offerFailed.value = false;
  const r = await api("appointmentOffer");
  if (r.ok) {
    batch(() => {
      offer.value = r.data;
      const f = wanted ? r.data.fields.find((x) => x.services.some((s) => s.id === wanted)) : undefined;
      if (f) {
        choice.value = { ...choice.value, fieldId: f.id, serviceId: wanted! };
        go("day");
      }
      wanted = null;
    });
  } else if (!missesCenter(r.code)) offerFailed.value = true;
}

export const loadSlots = (): void => void slotsAsked.value++;

export function go(next: Step, message: string | null = null): void {
  // A step sent back by an error (a slot that filled meanwhile) takes the place of the one that
  // failed, so Back does not return to it.
  if (message === null) history.pushState({ step: next }, "");
  else history.replaceState({ step: next }, "");
  batch(() => {
    asked.value = next;
    error.value = message;
    offline.value = false;
  });
  scrollTo(0, 0);
}

export function back(): void {
  history.back();
}

export function pickField(id: string): void {
  const f = offer.value?.fields.find((x) => x.id === id);
  if (!f) return;
  const only = f.services.length === 1 ? f.services[0]!.id : "";
  const c = choice.value;
  batch(() => {
    choice.value = c.fieldId === id ? { ...c, serviceId: only || c.serviceId } : { ...c, fieldId: id, serviceId: only, time: "" };
    go(only ? "day" : "service");
  });
}

export function pickService(id: string): void {
  batch(() => {
    choice.value = { ...choice.value, serviceId: id };
    go("day");
  });
}

export function pickDay(date: string): void {
  const c = choice.value;
  batch(() => {
    if (c.date !== date) choice.value = { ...c, date, time: "" };
    go("slot");
  });
}

export function pickSlot(time: string): void {
  batch(() => {
    choice.value = { ...choice.value, time };
    go("phone");
  });
}

export const typePhone = (typed: string): void => void (choice.value = { ...choice.value, phone: typed });

export function givePhone(): void {
  if (PhoneNumber.safeParse(choice.value.phone).success) go("confirm");
  else error.value = BOOK_WORDS[lang.value].phoneBad;
}

// One key per booking the citizen means, kept across "Thử lại": if the first answer was lost on
// the way, the server answers the booking it made instead of refusing a second one.
let requestKey: { of: string; key: string } | null = null;
function keyFor(of: string): string {
  if (requestKey?.of !== of) {
    // getRandomValues, not randomUUID: the hall's address is plain http, not a secure context.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    requestKey = { of, key: Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("") };
  }
  return requestKey.key;
}

/** Failures where the request may never have reached the booking: trying again is the answer. */
const UNREACHED: readonly string[] = ["OFFLINE", "STORE_FAILED", "UNAVAILABLE"];

export async function book(): Promise<void> {
  const w = BOOK_WORDS[lang.value];
  batch(() => {
    busy.value = true;
    error.value = null;
    offline.value = false;
  });
  const { serviceId, date, time, phone } = choice.value;
  const key = keyFor(JSON.stringify([serviceId, date, time, phone]));
  const r = await api("book", { body: { serviceId, date, time, phone, requestKey: key } });
  if (r.ok) return location.assign(`/f/${encodeURIComponent(r.data.token)}`);
  batch(() => {
    busy.value = false;
    if (r.code === "SLOT_FULL") {
      choice.value = { ...choice.value, time: "" };
      slotsAsked.value++;
      return go("slot", w.errors.SLOT_FULL!);
    }
    const unreached = UNREACHED.includes(r.code);
    offline.value = unreached;
    error.value = w.errors[r.code] ?? (unreached ? w.errors.network! : w.errors.other!);
  });
}
