// The queue-server as other packages (tests, benchmarks, an integrator's own start script) use it.
export { startServer, type RunningServer, type ServerOptions } from "./server.ts";
export { createLogger, type Logger } from "./log.ts";
export { demoConfig } from "./config/demo.ts";
export { validateConfig } from "./config/validate.ts";
export { LowdbStore } from "./store/lowdb-store.ts";
export { LowdbCenters } from "./store/lowdb-centers.ts";
export type { Deployment } from "./app/deployment.ts";
export { PgDatabase, PgStore } from "./store/pg-store.ts";
export { JournalConflict, type CenterStores, type Store, type StoredDay } from "./store/types.ts";
export { sha256 } from "./auth/passwords.ts";
export type { DossierSource } from "./catalog/dossiers.ts";
export { StaffingPlanner, inWorker } from "./app/staffing.ts";
export { demoProvinceClock, startDemoProvince } from "./demo/province.ts";
export { DEMO_COMMUNES, demoCommuneConfig } from "./config/demo-province.ts";
export { backupFolder, restoreFolder, pruneBackups, readManifest, type BackupManifest } from "./ops/backup.ts";
export { backupDatabase, restoreDatabase } from "./ops/pg-backup.ts";
export { DATA_SCHEMA, prepareDataDir, readDataSchema } from "./ops/data-schema.ts";
