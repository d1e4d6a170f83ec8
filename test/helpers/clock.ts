/**
 * The hour a test's hall lives in. A queue depends on the clock (opening hours, wait bands, the
 * day's turn, holidays), so no test may depend on when CI happens to run it: servers in tests
 * run on a clock the test sets, by default a working morning that moves at the real pace.
 */

/** Tuesday 1 December 2026, 09:00 in Hanoi: a working day, the hall open, nobody on a break. */
export const WORKING_MORNING = Date.parse("2026-12-01T09:00:00+07:00");

/** A clock that reads `at` now and then runs at the real pace, so waits and timeouts behave. */
export function runningFrom(at: number): () => number {
  const offset = at - Date.now();
  return () => Date.now() + offset;
}

/**
 * One working-morning clock for every server a test file starts, so a server restarted in the
 * middle of a test carries on from where the first one was.
 */
export const hallClock: () => number = runningFrom(WORKING_MORNING);
