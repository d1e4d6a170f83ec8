import { z } from "zod";

/**
 * The one zod every schema of the contract is made with. In a browser it parses without eval:
 * the screens run under a strict Content-Security-Policy, and zod compiles object schemas with
 * `new Function` where it may, probing for it when each is made, which the browser reports as a
 * violation. This module is evaluated before any schema is made; the server keeps the compiled
 * parsing.
 */
if ("window" in globalThis) z.config({ jitless: true });

export { z };
