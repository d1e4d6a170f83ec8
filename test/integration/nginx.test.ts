/**
 * deploy/nginx/motcua.conf, as shipped, in front of two instances on one database: REST, Socket.IO
 * over WebSocket and over long-polling (which needs the sticky upstream), and an instance killed
 * behind it. Only the upstream addresses and the listening port are changed for the test.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, DISPLAY, freePort, KIOSK, nextMatching } from "../helpers/harness.ts";
import { freshDatabase } from "../helpers/databases.ts";
import { startInstance, type Instance } from "../helpers/instances.ts";

const CONF = resolve(dirname(fileURLToPath(import.meta.url)), "../../deploy/nginx/motcua.conf");

describe("nginx in front of several instances (deploy/nginx/motcua.conf)", () => {
  let instances: Instance[] = [];
  let nginx: ChildProcess;
  let dir: string;
  let url: string;

  beforeAll(async () => {
    const db = await freshDatabase();
    instances = [await startInstance(db), await startInstance(db)];
    dir = await mkdtemp(join(tmpdir(), "motcua-nginx-"));
    const port = await freePort();
    const site = (await readFile(CONF, "utf8"))
      .replace(/(\s+server 127\.0\.0\.1:808\d[^\n]*\n)+/, instances.map((i) => `\n    server 127.0.0.1:${i.port} max_fails=1 fail_timeout=5s;`).join("") + "\n")
      .replace("listen 80;", `listen 127.0.0.1:${port};`);
    await writeFile(join(dir, "site.conf"), site);
    await writeFile(
      join(dir, "nginx.conf"),
      `daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log; worker_processes 1;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  include ${dir}/site.conf;
}
`,
    );
    nginx = spawn("/usr/sbin/nginx", ["-p", dir, "-c", join(dir, "nginx.conf")], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    nginx.stderr!.on("data", (c) => (err += c));
    url = `http://127.0.0.1:${port}`;
    for (const deadline = Date.now() + 10_000; ; ) {
      if (nginx.exitCode !== null) throw new Error(`nginx exited: ${err}${await readFile(join(dir, "error.log"), "utf8").catch(() => "")}`);
      if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
      if (Date.now() > deadline) throw new Error(`nginx did not answer: ${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  afterAll(async () => {
    nginx?.kill("SIGQUIT");
    for (const i of instances) await i.stop().catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("passes tickets and calls through, over WebSocket and over long-polling", async () => {
    const ws = io(`${url}/display`, { auth: { token: DISPLAY }, transports: ["websocket"], forceNew: true });
    const polling = io(`${url}/display`, { auth: { token: DISPLAY }, transports: ["polling"], forceNew: true });
    try {
      await Promise.all([ws, polling].map((s) => new Promise<void>((r, j) => (s.once("connect", () => r()), s.once("connect_error", j)))));
      const t = await client(url).issue("tra-ket-qua");
      const officer = await client(url).openCounter("canbo9", "quay-11");
      const heard = [ws, polling].map((s) => nextMatching<{ call: { number: string } }>(s, "ticket:called", (p) => p.call.number === t.number, 5000));
      expect((await client(url).api("POST", "/api/counters/quay-11/next", { token: officer })).body.number).toBe(t.number);
      for (const h of heard) expect((await h).call.number).toBe(t.number);
    } finally {
      ws.close();
      polling.close();
    }
  });

  it("goes on serving when an instance behind it dies", async () => {
    await instances[0]!.stop();
    const answers = await Promise.all(Array.from({ length: 6 }, () => client(url).api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "khai-sinh" } })));
    // A request already on its way to the dead instance may fail once; the next ones are served.
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(5);
    expect((await client(url).api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "khai-sinh" } })).status).toBe(201);
  });
});
