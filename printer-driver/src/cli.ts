import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseEscPos } from "./escpos-parse.ts";
import { paperImages } from "./paper.ts";
import { readLogo } from "./logo.ts";
import { renderTicket, type Paper, type TicketToPrint } from "./render-ticket.ts";
import { printerAt, type Transport } from "./transport.ts";
import { VirtualPrinter } from "./virtual-printer.ts";

const HELP = `npm run printer -- <command> [options]
  render  [--paper 80mm|58mm] [--out DIR] [--logo FILE.png]   a sample ticket as bytes (.bin) and paper (.png)
  print   --to tcp://HOST[:9100] | file:PATH | serial:PORT[@BAUD] [--paper …] [--logo FILE.png]   print a sample ticket
  status  --to tcp://HOST[:9100] | serial:PORT[@BAUD]   ask a printer how it is
  virtual [--port 9100] [--paper …] [--out DIR]   a printer without hardware: PNGs of what it prints`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { paper: { type: "string", default: "80mm" }, out: { type: "string" }, to: { type: "string" }, logo: { type: "string" }, port: { type: "string" }, help: { type: "boolean", short: "h" } },
});
const command = positionals[0];
const paper = values.paper as Paper;
if (values.help || !command || !["render", "print", "status", "virtual"].includes(command) || !["80mm", "58mm"].includes(paper)) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}

const sample: TicketToPrint = {
  number: "A023",
  serviceName: "Đăng ký khai sinh",
  fieldName: "Hộ tịch",
  issuedAt: new Date().toISOString(),
  ahead: 4,
  estimatedWait: { minMinutes: 10, maxMinutes: 20 },
  counterNumbers: [1, 2],
  followUrl: "http://127.0.0.1:8080/",
};
const center = { name: "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng", hotline: "1022" };

function transportOf(to: string | undefined): Transport {
  const printer = printerAt(to ?? "");
  if (printer) return printer;
  console.error(`--to wants tcp://HOST[:PORT], file:PATH or serial:PORT[@BAUD] (got ${to ?? "nothing"})`);
  process.exit(2);
}

const logo = values.logo
  ? await readLogo(values.logo, paper).catch((e: Error) => {
      console.error(e.message);
      process.exit(2);
    })
  : undefined;
const out = resolve(values.out ?? ".");
if (command === "render") {
  const bytes = renderTicket(sample, center, { paper, ...(logo ? { logo } : {}) });
  await mkdir(out, { recursive: true });
  await writeFile(join(out, `ticket-${paper}.bin`), bytes);
  await writeFile(join(out, `ticket-${paper}.png`), paperImages(parseEscPos(bytes), paper)[0]!);
  console.log(`${bytes.length} bytes → ${join(out, `ticket-${paper}.bin`)} and .png`);
} else if (command === "print") {
  await transportOf(values.to).send(renderTicket(sample, center, { paper, ...(logo ? { logo } : {}) }));
  console.log("sent");
} else if (command === "status") {
  console.log(await transportOf(values.to).status());
} else {
  const printer = new VirtualPrinter(paper);
  const port = await printer.listen(Number(values.port ?? 9100), "0.0.0.0");
  await printer.keepPaperIn(out, (e, file, t) =>
    e ? console.error(`could not save ${file}: ${e.message}`) : console.log(`printed ${t.bytes.length} bytes → ${file}`),
  );
  console.log(`virtual ${paper} printer on tcp://0.0.0.0:${port}; paper goes to ${out}`);
}
