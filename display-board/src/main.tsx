import "@fontsource/be-vietnam-pro/500.css";
import "@fontsource/be-vietnam-pro/700.css";
import "@fontsource/be-vietnam-pro/800.css";
import { render } from "preact";
import { Board } from "./board.tsx";
import "./board.css";

const params = new URLSearchParams(location.search);
// A board is a TV in kiosk mode: its device key comes in its start-up URL, set once by the installer.
render(<Board deviceKey={params.get("key") ?? ""} />, document.getElementById("app")!);
