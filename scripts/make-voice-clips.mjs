// Makes the board's spoken-call clips offline with espeak-ng and writes them to
// display-board/public/voice, where they ship with the board: a hall with no internet still
// hears its calls. espeak-ng is the npm package's WebAssembly build of its command line (GPL),
// run in a child process of its own: it stays a separate program, never linked into motcua.
// Run again after changing the words: node scripts/make-voice-clips.mjs [clip names…]
// (no names: every clip; the manifest always lists every clip).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "display-board", "public", "voice");
const RATE = 16000;

/** Vietnamese names of the letters that start ticket numbers, as a caller reads them aloud. */
const LETTERS = {
  a: "a", b: "bê", c: "xê", d: "dê", e: "e", f: "ép", g: "giê", h: "hát", i: "i", k: "ca", l: "e lờ", m: "em mờ",
  n: "en nờ", o: "o", p: "pê", q: "quy", r: "e rờ", s: "ét xì", t: "tê", u: "u", v: "vê", x: "ích xì", y: "i dài",
  j: "gi", w: "vê kép", z: "dét",
};
const DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
const COUNTERS = 60;

// The short form Vietnamese centers use ("Mời số A023 đến quầy 5"): half the time of the long
// "Xin mời công dân có số thứ tự … đến quầy số …", so a burst of calls is said while it matters.
const clips = {
  "moi-so": "Mời số",
  "den-quay": "đến quầy",
  ...Object.fromEntries(Object.entries(LETTERS).map(([k, v]) => [`letter-${k}`, v])),
  ...Object.fromEntries(DIGITS.map((d, i) => [`digit-${i}`, d])),
  ...Object.fromEntries(Array.from({ length: COUNTERS }, (_, i) => [`counter-${i + 1}`, String(i + 1)])),
};

/** 16-bit mono PCM from espeak-ng → 8-bit mono at 16 kHz: speech stays clear, the clips stay small. */
function toSmallWav(wav) {
  const from = wav.readUInt32LE(24);
  const dataAt = wav.indexOf("data") + 8;
  const all = new Int16Array(wav.buffer.slice(wav.byteOffset + dataAt, wav.byteOffset + wav.length - ((wav.length - dataAt) % 2)));
  // Clips are joined into one sentence: trim the silence espeak-ng leaves around each, keeping 40 ms.
  const loud = (x) => Math.abs(x) > 400;
  const margin = Math.round(from * 0.04);
  const first = Math.max(0, all.findIndex(loud) - margin);
  const last = Math.min(all.length, all.length - [...all].reverse().findIndex(loud) + margin);
  const samples = all.subarray(first, last);
  const n = Math.floor((samples.length * RATE) / from);
  const pcm = Buffer.alloc(n);
  for (let i = 0; i < n; i++) pcm[i] = Math.max(0, Math.min(255, Math.round(samples[Math.floor((i * from) / RATE)] / 256) + 128));
  return wavOf(pcm);
}

function wavOf(pcm) {
  const h = Buffer.alloc(44);
  h.write("RIFF", 0); h.writeUInt32LE(36 + pcm.length, 4); h.write("WAVEfmt ", 8); h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); h.writeUInt16LE(1, 22); h.writeUInt32LE(RATE, 24); h.writeUInt32LE(RATE, 28);
  h.writeUInt16LE(1, 32); h.writeUInt16LE(8, 34); h.write("data", 36); h.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([h, pcm]);
}

/** Two soft tones, so people look up before the words come. */
function chime() {
  const seconds = 1.1;
  const pcm = Buffer.alloc(Math.round(RATE * seconds));
  for (let i = 0; i < pcm.length; i++) {
    const t = i / RATE;
    const f = t < 0.45 ? 784 : 659; // G5 then E5
    const start = t < 0.45 ? 0 : 0.45;
    const env = Math.exp(-(t - start) * 5) * Math.min(1, (t - start) * 200);
    pcm[i] = Math.round(128 + 90 * env * Math.sin(2 * Math.PI * f * t));
  }
  return wavOf(pcm);
}

/**
 * The child process: espeak-ng's command line in WebAssembly, once per clip (its `main` runs once
 * per instance), each WAV written where the parent asked. Same voice and speed as the clips made
 * before with the system's espeak-ng, so old and new clips sound like one speaker.
 */
const SPEAK = `
import { readFileSync, writeFileSync } from "node:fs";
import ESpeakNg from "espeak-ng";
for (const { text, file } of JSON.parse(readFileSync(process.argv[1], "utf8"))) {
  const e = await ESpeakNg({ arguments: ["-v", "vi", "-s", "140", "-w", "/out.wav", text], print: () => {}, printErr: () => {} });
  writeFileSync(file, e.FS.readFile("/out.wav"));
}`;

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => name !== "chime" && !(name in clips));
if (unknown.length) throw new Error(`no clip named ${unknown.join(", ")}`);
const wanted = (name) => asked.length === 0 || asked.includes(name);

mkdirSync(out, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), "motcua-voice-"));
const manifest = { rate: RATE, clips: ["chime", ...Object.keys(clips)] };
if (wanted("chime")) writeFileSync(join(out, "chime.wav"), chime());
const jobs = Object.entries(clips).filter(([name]) => wanted(name)).map(([name, text]) => ({ name, text, file: join(tmp, `${name}.wav`) }));
// The list goes in a file: Emscripten copies the child's argv[1] into its environment as ASCII,
// and Vietnamese text there aborts it. Run from the repository, where node_modules/espeak-ng is.
const list = join(tmp, "jobs.json");
writeFileSync(list, JSON.stringify(jobs));
execFileSync(process.execPath, ["--input-type=module", "-e", SPEAK, list], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
for (const { name, file } of jobs) writeFileSync(join(out, `${name}.wav`), toSmallWav(readFileSync(file)));
writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
rmSync(tmp, { recursive: true, force: true });
console.log(`${jobs.length + (wanted("chime") ? 1 : 0)} of ${manifest.clips.length} clips made in ${out}`);
