import { readFileSync } from "node:fs";

/**
 * This release's version, from the root package.json: three folders up both in the source tree
 * (queue-server/src/ops) and in a release archive, which keeps the same layout.
 */
export const RELEASE: string = (JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version?: string }).version ?? "0.0.0";
