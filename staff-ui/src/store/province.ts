import { provinceRoutes, type ProvinceCenter } from "@motcua/protocol";
import { restClient } from "@motcua/protocol/client";
import { batch, signal } from "@preact/signals";
import { refusalOf, type Refusal } from "../admin-refusal.ts";
import { blankCenter, choose, problems, requestOf, typeInto, type Choice, type Field, type NewCenter } from "../new-center.ts";
import { lang } from "./lang.ts";
import { expire, session } from "./session.ts";

// The province's centers to manage: the centers of the deployment, and a form that creates one
// with its first admin, who then configures it on the administration screen.

/** The province's own routes, with the session's token (a province token may call no hall route). */
const api = restClient(provinceRoutes, { token: () => session.peek()?.token });

/** The centers, by name; null until they have loaded. */
export const centers = signal<ProvinceCenter[] | null>(null);
export const loadError = signal<string | null>(null);
export const form = signal<NewCenter>(blankCenter());
export const busy = signal(false);
/** What the last creation came to: the center made and its admin's username, or the refusal. */
export type Status = { kind: "created"; id: string; name: string; username: string } | ({ kind: "error" } & Refusal);
export const status = signal<Status | null>(null);

/** Answers that come after the screen closed are dropped. */
let generation = 0;

export async function load(): Promise<void> {
  const mine = generation;
  loadError.value = null;
  const r = await api("provinceCenters");
  if (mine !== generation) return;
  if (r.ok) return void (centers.value = r.data.centers);
  if (r.code === "UNAUTHENTICATED") return expire();
  loadError.value = refusalOf(r, lang.peek()).text;
}

/** A fresh screen with an empty form, loading the centers; returns how to close it. */
export function start(): () => void {
  generation++;
  batch(() => {
    centers.value = null;
    form.value = blankCenter();
    busy.value = false;
    status.value = null;
  });
  void load();
  return () => void generation++;
}

/** A box typed in (the id follows the name until one is typed: new-center.ts). */
export function fill(field: Field, value: string): void {
  form.value = typeInto(form.peek(), field, value);
}

/** A select set (level, area class, parent unit). */
export function pick<K extends Choice>(key: K, value: NewCenter[K]): void {
  form.value = choose(form.peek(), key, value);
}

/** Sends the form; on success the list shows the new center and the form is empty again. */
export async function create(): Promise<void> {
  const typed = form.peek();
  if (busy.peek() || problems(typed).length > 0) return;
  const mine = generation;
  batch(() => {
    busy.value = true;
    status.value = null;
  });
  const sent = requestOf(typed);
  const r = await api("createCenter", { body: sent });
  if (mine !== generation) return;
  busy.value = false;
  if (!r.ok) {
    if (r.code === "UNAUTHENTICATED") return expire();
    const refusal = refusalOf(r, lang.peek());
    // The server's own words name the box it refused; a taken id needs none beside the sentence.
    return void (status.value = { kind: "error", text: refusal.text, details: r.code === "BAD_REQUEST" ? refusal.details : [] });
  }
  batch(() => {
    status.value = { kind: "created", id: r.data.id, name: r.data.name, username: sent.admin.username };
    form.value = blankCenter();
  });
  await load();
}
