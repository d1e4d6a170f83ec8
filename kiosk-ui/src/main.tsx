import "@fontsource/be-vietnam-pro/500.css";
import "@fontsource/be-vietnam-pro/700.css";
import "@fontsource/be-vietnam-pro/800.css";
import { render } from "preact";
import { Kiosk } from "./kiosk.tsx";
import "./kiosk.css";

const params = new URLSearchParams(location.search);
const idle = Number(params.get("idle"));
// A kiosk is a touch PC in kiosk mode: its device key comes in its start-up URL, set once by the
// installer; `idle` (seconds before it forgets the citizen, default 60) may be tuned per hall.
render(
  <Kiosk deviceKey={params.get("key") ?? ""} idleSeconds={Number.isFinite(idle) && idle >= 1 ? idle : undefined} />,
  document.getElementById("app")!,
);
