import "@fontsource/be-vietnam-pro/500.css";
import "@fontsource/be-vietnam-pro/700.css";
import { startShell } from "@motcua/protocol/client";
import { signal } from "@preact/signals";
import { render } from "preact";
import { startApp } from "./store/app.ts";
import { StaffScreen } from "./waiting.tsx";
import "./staff.css";

startApp();
// A page the offline shell kept while the server was away says so until the server answers.
const waiting = signal(false);
waiting.value = startShell(() => (waiting.value = false));
render(<StaffScreen waiting={waiting} />, document.getElementById("app")!);
