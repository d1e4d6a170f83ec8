import "@fontsource/be-vietnam-pro/500.css";
import "@fontsource/be-vietnam-pro/700.css";
import "@fontsource/be-vietnam-pro/800.css";
import { render } from "preact";
import { Board } from "./board.tsx";
import "./board.css";

const params = new URLSearchParams(location.search);
const list = (name: string) => (params.get(name) ?? "").split(",").map((s) => s.trim()).filter(Boolean);
// A board is a TV in kiosk mode: its device key and what it shows come in its start-up URL, set
// once by the installer (the server already limits a display to its device's fields and counters).
render(
  <Board
    deviceKey={params.get("key") ?? ""}
    fields={list("fields")}
    counters={list("counters")}
    counter={params.get("counter")}
    muted={params.get("mute") === "1"}
    volume={Number(params.get("volume") ?? 1)}
    voice={params.get("voice") === "speech" ? "speech" : params.get("voice") === "clips" ? "clips" : "auto"}
  />,
  document.getElementById("app")!,
);
