import { CENTER_HEADER } from "../centers.ts";
import { ERROR_CODES, type ErrorCode } from "../errors.ts";
import { pathOf, type RouteData, type RouteInput, type RouteSpec } from "../routes.ts";
import type { Answer } from "./answer.ts";

/** A downloaded file (the report export): its name as the server gave it, and its bytes. */
export interface Download {
  name: string;
  blob: Blob;
}

/** What a route answers on success, as a screen receives it. */
export type RouteResult<S extends RouteSpec> = S["file"] extends true ? Download : RouteData<S>;

/** A call's input, and how long it may take (a staffing plan takes seconds). */
type Call<S extends RouteSpec> = RouteInput<S> & { timeoutMs?: number };
type Args<S extends RouteSpec> = {} extends RouteInput<S> ? [input?: Call<S>] : [input: Call<S>];

export interface RestOptions {
  /** Where the server is; default: this page's own origin. */
  base?: string;
  /** The bearer credential to send, read at each call (a session can change). */
  token?: () => string | null | undefined;
  /** A call that has not answered in this long is OFFLINE (default 15 s). */
  timeoutMs?: number;
  /** The center the page is for, where a deployment serves several (public routes need it). */
  center?: () => string | null | undefined;
}

export type RestClient<R extends Record<string, RouteSpec>> = <K extends keyof R & string>(name: K, ...input: Args<R[K]>) => Promise<Answer<RouteResult<R[K]>>>;

const offline = (message: string) => ({ ok: false as const, code: "OFFLINE" as const, message });

/**
 * Calls the server's REST routes by name, typed by the protocol's route table: the path, body
 * and query a route takes and the answer it gives, checked against its schema on the way back.
 * A network failure or a silent server is OFFLINE, never a hang.
 */
export function restClient<R extends Record<string, RouteSpec>>(routes: R, opts: RestOptions = {}): RestClient<R> {
  return async (name, ...[input]) => {
    const spec = routes[name]!;
    const { params, body, query, timeoutMs } = (input ?? {}) as { params?: Record<string, string>; body?: unknown; query?: Record<string, string>; timeoutMs?: number };
    let url = `${opts.base ?? ""}/api${pathOf(spec, params)}`;
    if (query) url += `?${new URLSearchParams(query)}`;
    const headers: Record<string, string> = {};
    const token = opts.token?.();
    if (token) headers.authorization = `Bearer ${token}`;
    const center = opts.center?.();
    if (center) headers[CENTER_HEADER] = center;
    if (body !== undefined) headers["content-type"] = "application/json";
    let res: Response;
    try {
      res = await fetch(url, {
        method: spec.method.toUpperCase(),
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs ?? opts.timeoutMs ?? 15_000),
      });
    } catch {
      return offline("no answer from the server");
    }
    type Result = Answer<RouteResult<R[typeof name]>>;
    if (!res.ok) {
      const f = (await res.json().catch(() => null)) as { code?: unknown; message?: unknown; at?: unknown } | null;
      // A refusal carries one of the protocol's codes; the screens read it from their own dictionaries.
      const known = (ERROR_CODES as readonly unknown[]).includes(f?.code);
      // A proxy in front answering for a server it cannot reach: the server is away, not wrong.
      if (!known && res.status >= 502 && res.status <= 504) return offline(`the server is not reachable (${res.status})`);
      const code: ErrorCode = known ? (f!.code as ErrorCode) : res.status === 429 ? "RATE_LIMITED" : "INTERNAL";
      // `at`: when a refusal of the moment ends (a login held back, a center closed).
      return { ok: false, code, message: typeof f?.message === "string" ? f.message : res.statusText, ...(typeof f?.at === "string" ? { at: f.at } : {}) } as Result;
    }
    try {
      if (spec.file) {
        const name = /filename="?([^";]+)"?/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "download";
        return { ok: true, data: { name, blob: await res.blob() } } as Result;
      }
      if (res.status === 204 || !spec.response) return { ok: true, data: null } as Result;
      const data = spec.response.safeParse(await res.json());
      return (data.success ? { ok: true, data: data.data } : { ok: false, code: "INTERNAL", message: "unexpected answer" }) as Result;
    } catch {
      return offline("the answer was cut off");
    }
  };
}
