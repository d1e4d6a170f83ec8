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

/** A URL as it may be logged: a follow token, a device key or any token in it masked. */
export function loggable(url: string): string {
  return url.replace(/\/(f|follow)\/[^/?#]+/, "/$1/…").replace(/([?&](?:key|token|unit-key)=)[^&#]*/gi, "$1…");
}
