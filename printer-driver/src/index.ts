export * from "./render-ticket.ts";
export * from "./raster.ts";
export * from "./sanitize.ts";
export * from "./escpos-parse.ts";
export * from "./paper.ts";
export * from "./status.ts";
export * from "./transport.ts";
export * from "./virtual-printer.ts";
