export { startServer, type RunningServer, type ServerOptions } from "./server.ts";
export { demoConfig } from "./config/demo.ts";
export { validateConfig } from "./config/validate.ts";
export { LowdbStore } from "./store/lowdb-store.ts";
export type { Store } from "./store/types.ts";
export * as engine from "./engine/index.ts";
