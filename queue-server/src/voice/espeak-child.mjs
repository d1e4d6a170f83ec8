// The kiosk's voice: eSpeak NG (WebAssembly, GPL-3.0-or-later) run as a program of its own. The
// server forks this file and talks to it by messages only, text in and sound out, as it would to
// the espeak-ng command; nothing of eSpeak NG is loaded into the server's process.
//
// In:  { id, lang: "vi" | "en", text }
// Out: { id, wav } (16 kHz, 16-bit mono, silence trimmed) or { id, error }
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const entry = require.resolve("espeak-ng");
const { default: ESpeakNg } = await import(new URL(`file://${entry}`).href);
// Compiled once: each sentence runs a fresh instance of the program (it exits after speaking).
const wasm = await WebAssembly.compile(readFileSync(entry.replace(/\.js$/, ".wasm")));

const RATE = 16000;
/** Words per minute: a little slower than espeak-ng's 175, for citizens who listen hard. */
const SPEED = { vi: "135", en: "145" };

async function speak(lang, text) {
  const e = await ESpeakNg({
    // The text goes in as a file, never on the command line, so nothing in it is read as an option.
    arguments: ["-v", lang, "-s", SPEED[lang], "-w", "/out.wav", "-f", "/in.txt"],
    preRun: [(m) => m.FS.writeFile("/in.txt", text)],
    instantiateWasm: (imports, done) => {
      void WebAssembly.instantiate(wasm, imports).then((instance) => done(instance, wasm));
      return {};
    },
    print: () => {},
    printErr: () => {},
  });
  return small(Buffer.from(e.FS.readFile("/out.wav")));
}

/** espeak-ng's 22 kHz → 16 kHz, with the silence around the words cut to 60 ms: clips are joined into sentences. */
function small(wav) {
  const from = wav.readUInt32LE(24);
  const at = wav.indexOf("data") + 8;
  const n = Math.floor((wav.length - at) / 2);
  const all = new Int16Array(n);
  for (let i = 0; i < n; i++) all[i] = wav.readInt16LE(at + 2 * i);
  const loud = (x) => Math.abs(x) > 300;
  const margin = Math.round(from * 0.06);
  let first = all.findIndex(loud);
  let last = all.findLastIndex(loud);
  if (first < 0) first = last = 0;
  first = Math.max(0, first - margin);
  last = Math.min(n, last + margin);
  const samples = all.subarray(first, last);
  const count = Math.floor((samples.length * RATE) / from);
  const out = Buffer.alloc(44 + count * 2);
  out.write("RIFF", 0);
  out.writeUInt32LE(36 + count * 2, 4);
  out.write("WAVEfmt ", 8);
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(RATE, 24);
  out.writeUInt32LE(RATE * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write("data", 36);
  out.writeUInt32LE(count * 2, 40);
  for (let i = 0; i < count; i++) out.writeInt16LE(samples[Math.floor((i * from) / RATE)], 44 + 2 * i);
  return out;
}

// One sentence at a time, in order: the server keeps the queue and its limits.
let chain = Promise.resolve();
process.on("message", (m) => {
  chain = chain.then(async () => {
    try {
      process.send({ id: m.id, wav: await speak(m.lang, m.text) });
    } catch (e) {
      process.send({ id: m.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
});
process.send({ ready: true });
