// The systemd units shipped in deploy/systemd, checked by systemd itself: `systemd-analyze verify`
// reads each one as systemd would load it and prints every unknown key, bad value, missing
// program or dangling timer; any line it prints fails the test.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const UNITS_DIR = fileURLToPath(new URL("../../deploy/systemd/", import.meta.url));
const ANALYZE = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].find((p) => existsSync(p));
const NODE = "/usr/bin/node";
const RELEASE_ENTRY = "/opt/motcua/bin/motcua.js";

const units = readdirSync(UNITS_DIR)
  .filter((n) => /\.(service|timer|socket|path)$/.test(n))
  .sort();
let dir = "";

/** Runs `systemd-analyze verify` on one unit in the copy; what it printed, and its exit status. */
function verify(name: string): { status: number | null; output: string } {
  const r = spawnSync(ANALYZE!, ["verify", "--man=no", join(dir, name)], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, LC_ALL: "C", SYSTEMD_COLORS: "0", SYSTEMD_PAGER: "" },
    timeout: 30_000,
  });
  return { status: r.status, output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}`.trim() };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "motcua-units-"));
  // verify checks that each ExecStart= program exists: the release's entry point is not installed
  // here, so the copies point at a stand-in; node is the one running this test if Debian's is absent.
  const entry = join(dir, "motcua.js");
  writeFileSync(entry, "// stand-in for the release's bin/motcua.js\n");
  for (const name of units) {
    let text = readFileSync(join(UNITS_DIR, name), "utf8").replaceAll(RELEASE_ENTRY, entry);
    if (!existsSync(NODE)) text = text.replaceAll(NODE, process.execPath);
    writeFileSync(join(dir, name), text);
  }
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the systemd units in deploy/systemd", () => {
  it("can be checked: systemd-analyze is installed", () => {
    expect(
      ANALYZE,
      "systemd-analyze is missing: install Debian's systemd package (apt-get install systemd), which provides /usr/bin/systemd-analyze",
    ).toBeDefined();
  });

  it("are the server's, the station agent's and the nightly backup's", () => {
    expect(units).toEqual(expect.arrayContaining(["motcua.service", "motcua-station.service", "motcua-backup.service", "motcua-backup.timer"]));
  });

  it("would show a problem: an unknown key is reported", () => {
    expect(ANALYZE, "systemd-analyze is missing: install Debian's systemd package").toBeDefined();
    const name = "motcua-broken-on-purpose.service";
    copyFileSync(join(dir, "motcua.service"), join(dir, name));
    writeFileSync(join(dir, name), readFileSync(join(dir, name), "utf8").replace("[Service]\n", "[Service]\nRestartt=always\n"));
    try {
      expect(verify(name).output).toMatch(/Unknown key.*Restartt/);
    } finally {
      rmSync(join(dir, name));
    }
  });

  for (const name of units) {
    it(`${name}: systemd-analyze verify prints nothing`, () => {
      expect(ANALYZE, "systemd-analyze is missing: install Debian's systemd package (apt-get install systemd)").toBeDefined();
      const { status, output } = verify(name);
      expect(output, `systemd-analyze verify ${name} printed:\n${output}`).toBe("");
      expect(status).toBe(0);
    });
  }

  it("run what the release runs, as motcua, restarted and with node's JIT allowed", () => {
    const server = readFileSync(join(UNITS_DIR, "motcua.service"), "utf8");
    expect(server).toMatch(/^ExecStart=\/usr\/bin\/node \/opt\/motcua\/bin\/motcua\.js start --data-dir \/var\/lib\/motcua$/m);
    expect(server).toMatch(/^EnvironmentFile=-\/etc\/motcua\/motcua\.env$/m);
    expect(server).toMatch(/^StateDirectory=motcua$/m);
    for (const name of units.filter((n) => n.endsWith(".service"))) {
      const unit = readFileSync(join(UNITS_DIR, name), "utf8");
      expect(unit, name).toMatch(/^User=motcua$/m);
      // V8 writes the code it compiles, then runs it: "yes" kills node at its first function.
      expect(unit, name).toMatch(/^MemoryDenyWriteExecute=no$/m);
      expect(unit, name).toMatch(/^NoNewPrivileges=yes$/m);
      if (name !== "motcua-backup.service") expect(unit, name).toMatch(/^Restart=(always|on-failure)$/m);
    }
    const timer = readFileSync(join(UNITS_DIR, "motcua-backup.timer"), "utf8");
    expect(timer).toMatch(/^Unit=motcua-backup\.service$/m);
    expect(readFileSync(join(UNITS_DIR, "motcua-backup.service"), "utf8")).toMatch(/motcua\.js backup --data-dir \/var\/lib\/motcua --to \/var\/backups\/motcua/);
  });
});
