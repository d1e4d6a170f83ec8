import { describe, expect, it } from "vitest";
import { formatReport, fuzz } from "./fuzz.ts";

/**
 * The bounded run of the fuzzer (fuzz.ts), on a fixed seed: every REST route and socket command
 * of the protocol, QR texts and configurations. The full run is `npm run fuzz` (100,000 inputs).
 */
describe("fuzzing the protocol", () => {
  it("answers 5,000 generated inputs without an error of its own, and invalid ones change nothing", { timeout: 120_000 }, async () => {
    const report = await fuzz({ inputs: 5_000, seed: 18 });
    console.log(formatReport(report));
    expect(report.inputs).toBe(5_000);
    expect(report.notCovered).toEqual([]);
    expect(report.serverErrors.map((f) => `${f.what}\n${f.input}\n${f.answer}`)).toEqual([]);
    expect(report.crashes.map((f) => `${f.what}\n${f.input}\n${f.answer}`)).toEqual([]);
    expect(report.stateChanges).toEqual([]);
    expect(report.invariants).toEqual([]);
    expect(report.offProtocol.map((f) => `${f.what}\n${f.input}\n${f.answer}`)).toEqual([]);
    expect(report.failures).toEqual([]);
  });
});
