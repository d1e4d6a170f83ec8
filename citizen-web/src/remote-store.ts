import type { RemoteOffer } from "@motcua/protocol";
import { batch, signal } from "@preact/signals";
import { serviceIn } from "./links.ts";
import { api, lang, missesCenter } from "./store.ts";
import { WORDS } from "./words.ts";

// Taking a number from home (/c/): what the center offers now, the citizen's choices, and the
// request that turns them into a held number and its follow link.

export const offer = signal<RemoteOffer | null>(null);
export const serviceId = signal("");
export const phone = signal("");
export const busy = signal(false);
export const error = signal<string | null>(null);

export function startRemote(): void {
  // A link from the units page names the procedure chosen there: it is chosen here too, if offered.
  const wanted = serviceIn(location.search);
  void api("remoteOffer").then((r) => {
    if (r.ok) {
      batch(() => {
        offer.value = r.data;
        if (wanted && r.data.services.some((s) => s.id === wanted)) serviceId.value = wanted;
      });
    } else if (!missesCenter(r.code)) error.value = WORDS[lang.value].errors.other!;
  });
}

export const chooseService = (id: string): void => void (serviceId.value = id);
export const typePhone = (typed: string): void => void (phone.value = typed);

/** The number is held until the citizen checks in at the center; its own page follows it from here. */
export async function takeNumber(): Promise<void> {
  const w = WORDS[lang.value];
  batch(() => {
    busy.value = true;
    error.value = null;
  });
  const r = await api("takeRemote", { body: { serviceId: serviceId.value, phone: phone.value } });
  if (r.ok) location.assign(`/f/${r.data.token}`);
  else error.value = w.errors[r.code] ?? w.errors.other!;
  busy.value = false;
}
