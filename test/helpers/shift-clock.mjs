// The machine's clock as a test run sees it. Every test process (vitest's workers, through
// setupFiles) and every server a test starts as a child (NODE_OPTIONS=--import) reads Date from
// MOTCUA_TEST_CLOCK onwards, at the real pace. vitest.config.ts runs the node tests at 03:30 in
// Hanoi and the screens' tests on a public holiday: a test that passes only when the center is
// open, or on a working day, fails every run instead of only the runs at a bad hour. Servers in
// tests run on the hall clock their test sets (test/helpers/clock.ts), whatever this says.
const at = process.env.MOTCUA_TEST_CLOCK;
const REAL = Symbol.for("motcua.realDate");
if (at && !globalThis[REAL]) {
  const target = Date.parse(at);
  if (Number.isNaN(target)) throw new Error(`MOTCUA_TEST_CLOCK is not a time: ${at}`);
  const RealDate = Date;
  const offset = target - RealDate.now();
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis[REAL] = RealDate;
  globalThis.Date = ShiftedDate;
}
