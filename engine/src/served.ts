import type { CenterConfig } from "@motcua/protocol";

/**
 * Whether a procedure is offered: some counter serves it. A configuration may hold a procedure no
 * counter takes yet (an admin saves it first, then sets counters up); a number taken for it would
 * wait for a call that never comes, so it is not listed to citizens, not issued, reserved, booked
 * or transferred to. This is the one place that rule lives.
 */
export const isServed = (config: Pick<CenterConfig, "counters">, serviceId: string): boolean => config.counters.some((c) => c.serviceIds.includes(serviceId));

/** The refusal for a procedure the configuration has but no counter serves. */
export const notServed = (serviceId: string) => ({ code: "UNKNOWN_SERVICE" as const, message: `No counter serves service ${serviceId} yet; it is not offered.` });
