// What the screens use to reach the server; the server itself never imports this.
export { askServer, checkFact, type Answer, type CommandSocket, type Fact } from "./answer.ts";
export { restClient, type Download, type RestClient, type RestOptions, type RouteResult } from "./rest.ts";
export { Link, type LinkOptions, type LinkState } from "./link.ts";
export { padKeys, typing, PAD_GAP_MS, type PadKeys } from "./pad-keys.ts";
export { startShell } from "./shell.ts";
