import "@fontsource/be-vietnam-pro/500.css";
import "@fontsource/be-vietnam-pro/700.css";
import "@fontsource/be-vietnam-pro/800.css";
import { render } from "preact";
import { Kiosk } from "./kiosk.tsx";
import { attachToPage } from "./page.ts";
import { createKiosk } from "./store.ts";
import "./kiosk.css";

const params = new URLSearchParams(location.search);
/** A number of seconds from the URL, when it is one and at least `least`. */
const seconds = (name: string, least: number): number | undefined => {
  const n = Number(params.get(name));
  return Number.isFinite(n) && n >= least ? n : undefined;
};
// A kiosk is a touch PC in kiosk mode: its device key comes in its start-up URL, set once by the
// installer; `idle` (seconds before it forgets the citizen, default 60) and `ack` (seconds a tap
// waits for the server's answer before asking again, default 8) may be tuned per hall.
const kiosk = createKiosk({ deviceKey: params.get("key") ?? "", idleSeconds: seconds("idle", 1), ackSeconds: seconds("ack", 0.1) });
attachToPage(kiosk);
render(<Kiosk kiosk={kiosk} />, document.getElementById("app")!);
// The offline shell (a PC that starts before the server), once the page is up.
addEventListener("load", () => void import("./offline-shell.ts"));
