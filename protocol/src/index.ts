export * from "./errors.ts";
export * from "./domain.ts";
export * from "./bodies.ts";
export * from "./events.ts";
export * from "./messages.ts";
export * from "./kiosk.ts";
export * from "./reports.ts";
export * from "./remote.ts";
export * from "./appointments.ts";
export * from "./text.ts";
export * from "./routes.ts";
// The screens' command helpers, until each screen takes its link from "@motcua/protocol/client".
export * from "./client/answer.ts";
