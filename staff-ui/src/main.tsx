import "@fontsource/be-vietnam-pro/500.css";
import "@fontsource/be-vietnam-pro/700.css";
import { render } from "preact";
import { App } from "./app.tsx";
import { startApp } from "./store/app.ts";
import "./staff.css";

startApp();
render(<App />, document.getElementById("app")!);
