import { spawn } from "node:child_process";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** Runs the station's command line to its end: exit code and what it said on stderr. */
function station(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "cli.ts"), ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      proc.kill();
      reject(new Error(`the station did not stop: ${stderr}`));
    }, 20_000);
    proc.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe("the station's --logo", () => {
  // An address nothing listens on: the station must stop before it would try to connect.
  const base = ["--server", "http://127.0.0.1:9", "--key", "k", "--printer", "tcp://127.0.0.1:9"];

  it("stops at the start with the file's name when the logo is missing", async () => {
    const missing = join(mkdtempSync(join(tmpdir(), "motcua-logo-")), "logo.png");
    const r = await station([...base, "--logo", missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--logo: cannot read the logo ${missing}: ENOENT`);
  });

  it("stops at the start when the logo is not a picture", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "motcua-logo-")), "logo.png");
    writeFileSync(file, "<html>not a picture</html>");
    const r = await station([...base, "--logo", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--logo: ${file}: the logo is not a PNG or JPEG picture`);
  });
});
