import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { setup } from "./setup.ts";

describe("motcua setup", () => {
  let dir: string;
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const run = async (answers: string, envFile: string) => {
    const output = new PassThrough();
    let said = "";
    output.on("data", (c: Buffer) => (said += c));
    const result = await setup({ envFile, input: Readable.from([answers]), output }).then(
      () => null,
      (e: Error) => e,
    );
    return { error: result, said };
  };

  it("writes the answers for the service, readable by its owner only, and warns of an address phones cannot open", async () => {
    dir = await mkdtemp(join(tmpdir(), "motcua-setup-"));
    const file = join(dir, "motcua.env");
    const { error, said } = await run("8090\nhttp://10.0.0.5:8090/\n\n", file);
    expect(error).toBeNull();
    expect(said).toMatch(/http:\/\/10\.0\.0\.5:8090 is a private or local address/);
    const text = await readFile(file, "utf8");
    expect(text).toMatch(/^PORT=8090$/m);
    expect(text).toMatch(/^MOTCUA_PUBLIC_URL=http:\/\/10\.0\.0\.5:8090$/m);
    expect(text).toMatch(/^MOTCUA_METRICS_KEY=[\w-]{24}$/m);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // Run again, it offers what is there and keeps the metrics key.
    const key = /^MOTCUA_METRICS_KEY=(.*)$/m.exec(text)![1];
    expect((await run("\nhttps://motcua.lamdong.gov.vn\n\n", file)).error).toBeNull();
    const again = await readFile(file, "utf8");
    expect(again).toMatch(/^PORT=8090$/m);
    expect(again).toMatch(/^MOTCUA_PUBLIC_URL=https:\/\/motcua\.lamdong\.gov\.vn$/m);
    expect(again).toContain(`MOTCUA_METRICS_KEY=${key}`);
  });

  it("stops when the answers end, writing nothing, instead of asking forever", async () => {
    dir = await mkdtemp(join(tmpdir(), "motcua-setup-"));
    const file = join(dir, "motcua.env");
    const { error } = await run("8080\nnot an address\n", file);
    expect(error?.message).toMatch(/answers ended/);
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
  });
});
