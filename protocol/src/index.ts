export * from "./errors.ts";
export * from "./domain.ts";
export * from "./rest.ts";
export * from "./events.ts";
export * from "./messages.ts";
export * from "./kiosk.ts";
export * from "./reports.ts";
export * from "./remote.ts";
