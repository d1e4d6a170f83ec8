import "@fontsource/be-vietnam-pro/500.css";
import "@fontsource/be-vietnam-pro/700.css";
import "@fontsource/be-vietnam-pro/800.css";
import { Link, startShell } from "@motcua/protocol/client";
import { render } from "preact";
import { feedBoard } from "./feed.ts";
import { settingsFrom } from "./settings.ts";
import { hallSpeaker } from "./speaker.ts";
import { createBoardStore } from "./store.ts";
import { BoardScreen } from "./waiting.tsx";
import "./board.css";

// A board is a TV in kiosk mode: its device key and what it shows come in its start-up URL, set
// once by the installer (the server already limits a display to its device's fields and counters).
const settings = settingsFrom(new URLSearchParams(location.search));
const board = createBoardStore(settings, hallSpeaker(settings));
feedBoard(board, new Link("display", { token: settings.key }));
setInterval(board.tick, 1000);
// The offline shell: a TV that starts before the server shows the board's own waiting page.
startShell();
render(<BoardScreen board={board} />, document.getElementById("app")!);
