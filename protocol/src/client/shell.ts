import { SHELL_MARK } from "../shell.ts";

// The root typecheck has no DOM library (the server shares this package): only what is used here.
interface Registration {
  update(): Promise<unknown>;
}
interface PageGlobals {
  navigator: {
    serviceWorker?: {
      controller: object | null;
      register(url: string): Promise<Registration>;
      addEventListener(type: "controllerchange", fn: () => void): void;
    };
  };
  document: { querySelector(selector: string): object | null };
  location: { reload(): void };
}

/**
 * Keeps this screen's offline shell: the service worker the server writes at `sw.js` beside the
 * page (queue-server's http/shell-worker.ts), where the browser allows one (https, localhost), so
 * a PC that starts before the server, or reloads while it is away, draws the screen's own waiting
 * page instead of the browser's error. Answers whether this page came from that cache because the
 * server did not answer; if so, asks the server again (2 s, then longer, at most 10 s apart) until
 * it answers, then runs `back`, and reloads when the server has a newer build than the one cached.
 */
export function startShell(back: () => void = () => {}): boolean {
  const { navigator: nav, document: doc, location: loc } = globalThis as unknown as PageGlobals;
  const cached = doc.querySelector(`meta[name="${SHELL_MARK}"]`) !== null;
  const sw = nav.serviceWorker;
  if (!sw) return cached;
  // A newer build's worker takes over as soon as it is installed; a page from the old cache
  // follows it. A page the network served already runs the newer build: it need not reload.
  if (cached && sw.controller) sw.addEventListener("controllerchange", () => loc.reload());
  const registered = sw.register("sw.js");
  registered.catch(() => undefined);
  if (cached) {
    let wait = 2000;
    // `update` fetches the worker's script past every cache: it succeeds once the server answers.
    const ask = (): unknown =>
      registered.then((r) => r.update()).then(back, () => {
        setTimeout(ask, wait);
        wait = Math.min(wait * 1.5, 10_000);
      });
    ask();
  }
  return cached;
}
