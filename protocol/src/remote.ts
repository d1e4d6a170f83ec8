import { z } from "zod";
import { Id } from "./domain.ts";

// Numbers taken from a phone (lấy số từ xa): kept apart from the kiosk's schemas so the kiosk's
// start screen does not carry them.

/** A Vietnamese mobile number: 0 or +84, then nine digits. Only its hash is kept. */
export const PhoneNumber = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s.-]/g, ""))
  .pipe(z.string().regex(/^(0|\+?84)[35789]\d{8}$/, "a Vietnamese mobile number, e.g. 0912 345 678"))
  .transform((s) => `0${s.replace(/^(\+?84|0)/, "")}`);

export const RemoteRequest = z.object({ serviceId: Id, phone: PhoneNumber });

/** What a phone may take a number for from home, and whether the center is open now. */
export const RemoteOffer = z.object({
  open: z.boolean(),
  centerName: z.string(),
  centerNameEn: z.string(),
  services: z.array(
    z.object({
      id: Id,
      name: z.string(),
      nameEn: z.string(),
      waiting: z.number().int(),
      estimatedWait: z.object({ minMinutes: z.number().int(), maxMinutes: z.number().int() }),
    }),
  ),
});
export type RemoteOffer = z.infer<typeof RemoteOffer>;
export const RemoteTaken = z.object({ token: z.string(), followUrl: z.string() });
