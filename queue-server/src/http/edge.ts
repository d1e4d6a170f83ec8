import type { IncomingMessage } from "node:http";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import helmet from "helmet";
import { CENTER_HEADER, fail, HTTP_STATUS } from "@motcua/protocol";

/**
 * Security headers: a strict Content-Security-Policy (the screens load nothing but their own
 * scripts, from this server; no inline script, no outside origin, no framing) and helmet's other
 * protections. Styles may be inline: Preact sets style attributes. No HSTS: a hall may serve plain
 * HTTP on its own network, and a TLS proxy in front adds it where it belongs.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
      },
    },
    frameguard: { action: "deny" },
    strictTransportSecurity: false,
    // The screens fetch only their own origin; nothing here is meant to be embedded elsewhere.
    crossOriginResourcePolicy: { policy: "same-origin" },
  });
}

/**
 * `--allow-origin` for HTTP as for sockets: a browser page from a listed origin may call the API
 * (CORS), one from any other origin may not. Requests without an Origin (a station agent, curl)
 * and same-host pages are untouched.
 */
export function originGuard(allowed: string[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.get("origin");
    if (!originAllowed(req, allowed)) {
      const shown = String(origin).slice(0, 100);
      const f = fail("FORBIDDEN", `Requests from ${shown} are not allowed; start the server with --allow-origin ${shown} to allow them.`);
      return res.status(HTTP_STATUS[f.code]).json(f);
    }
    // No Origin (an agent, curl) or the server's own page: nothing to say about sharing.
    if (!origin || !allowed.includes(origin)) return next();
    res.vary("Origin");
    res.set("Access-Control-Allow-Origin", origin);
    if (req.method !== "OPTIONS") return next();
    res.set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
    res.set("Access-Control-Allow-Headers", `authorization, content-type, ${CENTER_HEADER}`);
    res.set("Access-Control-Max-Age", "600");
    return res.status(204).end();
  };
}

/**
 * Same-host pages and listed origins may call the API and open sockets (realtime/index.ts);
 * non-browser clients (station agents) send no Origin.
 */
export function originAllowed(req: IncomingMessage, allowed: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * The names this server answers to, besides any IP address and "localhost": the host of its
 * public address, of each allowed origin, and any given with --allow-host.
 */
export function serverNames(opts: { publicUrl?: string | undefined; allowedOrigins?: string[] | undefined; allowedHosts?: string[] | undefined }): string[] {
  const names = new Set<string>();
  for (const url of [opts.publicUrl, ...(opts.allowedOrigins ?? [])]) {
    if (!url) continue;
    try {
      names.add(new URL(url).hostname.toLowerCase());
    } catch {
      // Not a URL: main.ts refuses it before it gets here.
    }
  }
  for (const h of opts.allowedHosts ?? []) names.add(h.trim().toLowerCase().replace(/\.$/, ""));
  return [...names].filter(Boolean);
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * May a request naming this Host be answered? A page of another site that makes its own name
 * resolve to this server (DNS rebinding) sends its name: its script would be "same origin" with
 * our API and sockets. An IP address cannot be rebound, and "localhost" is this machine; any
 * other name must be one the server was told (serverNames). No Host at all (HTTP/1.0, a tool) is
 * no browser's page.
 */
export function hostAllowed(host: string | undefined, names: readonly string[]): boolean {
  if (!host) return true;
  let name: string;
  try {
    name = new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (name.startsWith("[") || IPV4.test(name)) return true;
  const bare = name.replace(/\.$/, "");
  return bare === "localhost" || bare.endsWith(".localhost") || names.includes(bare);
}

/** Refuses a request whose Host names a name this server was not told (see hostAllowed). */
export function hostGuard(names: readonly string[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (hostAllowed(req.headers.host, names)) return next();
    const shown = String(req.headers.host).slice(0, 100);
    // 421 Misdirected Request: this server is not the one for that name.
    const f = fail("FORBIDDEN", `This server does not answer to ${shown}. If it should, start it with --public-url http://${shown} or --allow-host ${shown.replace(/:\d+$/, "")}.`);
    return res.status(421).json(f);
  };
}

/** A URL as it may be logged: a follow token, a device key or any token in it masked. */
export function loggable(url: string): string {
  return url.replace(/\/(f|follow)\/[^/?#]+/, "/$1/…").replace(/([?&](?:key|token|unit-key)=)[^&#]*/gi, "$1…");
}
