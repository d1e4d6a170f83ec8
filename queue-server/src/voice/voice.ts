import { fork, type ChildProcess } from "node:child_process";
import type { Lang } from "@motcua/protocol";
import type { Logger } from "../log.ts";

/**
 * The kiosk's spoken sentences, made on this server without the internet: a PC with no Vietnamese
 * voice of its own still reads its screens aloud. Sentences are made by eSpeak NG in a child
 * process (espeak-child.mjs) and kept in memory, so the words a hall's kiosks say every day are
 * made once and then answered at once.
 */
export interface Voice {
  /** A WAV of the text, or null when it cannot be made now (too many new ones, or the speaker failed). */
  say(lang: Lang, text: string, asker: string): Promise<Buffer | null>;
  close(): void;
}

export interface VoiceOptions {
  log: Logger;
  /** Memory kept for made sentences; the least recently said go first. */
  maxBytes?: number;
  /** New sentences one kiosk may have made per minute: a stolen device key cannot keep a core busy. */
  newPerMinute?: number;
  /** Sentences waiting to be made at once; more are refused rather than queued without end. */
  maxWaiting?: number;
  /** The child stops after this long with nothing to say, and starts again when asked. */
  idleMs?: number;
  clock?: () => number;
}

const TIMEOUT_MS = 15_000;

export function createVoice({ log, maxBytes = 24 << 20, newPerMinute = 120, maxWaiting = 60, idleMs = 120_000, clock = Date.now }: VoiceOptions): Voice {
  const made = new Map<string, Buffer>();
  let bytes = 0;
  const making = new Map<string, Promise<Buffer | null>>();
  const asked = new Map<string, number[]>();
  let child: ChildProcess | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (b: Buffer | null) => void; timer: NodeJS.Timeout }>();
  let idle: NodeJS.Timeout | undefined;

  const keep = (key: string, wav: Buffer) => {
    made.set(key, wav);
    bytes += wav.length;
    for (const [k, b] of made) {
      if (bytes <= maxBytes) break;
      made.delete(k);
      bytes -= b.length;
    }
  };

  const settleAll = () => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.resolve(null);
      pending.delete(id);
    }
  };

  const start = (): ChildProcess => {
    // Plain node, none of this process's loaders or flags: the child is a program of its own.
    const c = fork(new URL("./espeak-child.mjs", import.meta.url), [], { serialization: "advanced", execArgv: [], stdio: ["ignore", "ignore", "pipe", "ipc"] });
    c.stderr?.on("data", (d: Buffer) => log.warn({ voice: d.toString().slice(0, 500) }, "kiosk voice wrote to stderr"));
    c.on("message", (m: { id?: number; wav?: Uint8Array; error?: string }) => {
      if (m.id === undefined) return;
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.error) log.warn({ err: m.error }, "kiosk voice could not say a sentence");
      p.resolve(m.wav ? Buffer.from(m.wav.buffer, m.wav.byteOffset, m.wav.byteLength) : null);
    });
    c.on("exit", (code, signal) => {
      if (child === c) child = null;
      if (pending.size > 0) log.warn({ code, signal }, "kiosk voice stopped; what it was saying is given up");
      settleAll();
    });
    c.on("error", (e) => log.warn({ err: e }, "kiosk voice could not start"));
    return c;
  };

  const make = (lang: Lang, text: string): Promise<Buffer | null> =>
    new Promise((resolve) => {
      child ??= start();
      clearTimeout(idle);
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        log.warn({ lang, chars: text.length }, "kiosk voice took too long; restarting it");
        child?.kill();
        resolve(null);
      }, TIMEOUT_MS);
      pending.set(id, {
        timer,
        resolve: (b) => {
          resolve(b);
          if (pending.size === 0) idle = setTimeout(() => child?.kill(), idleMs);
        },
      });
      child.send({ id, lang, text });
    });

  /** True when this asker may have one more new sentence made now. */
  const allowed = (asker: string): boolean => {
    const now = clock();
    const times = (asked.get(asker) ?? []).filter((t) => now - t < 60_000);
    if (times.length >= newPerMinute) return false;
    times.push(now);
    asked.set(asker, times);
    if (asked.size > 1000) asked.delete(asked.keys().next().value!);
    return true;
  };

  return {
    async say(lang, text, asker) {
      const key = `${lang}\n${text}`;
      const hit = made.get(key);
      if (hit) {
        // Said again: it moves to the back of the line to be forgotten.
        made.delete(key);
        made.set(key, hit);
        return hit;
      }
      const already = making.get(key);
      if (already) return already;
      if (making.size >= maxWaiting || !allowed(asker)) return null;
      const p = make(lang, text).then((wav) => {
        making.delete(key);
        if (wav) keep(key, wav);
        return wav;
      });
      making.set(key, p);
      return p;
    },
    close() {
      clearTimeout(idle);
      settleAll();
      child?.kill();
      child = null;
    },
  };
}
