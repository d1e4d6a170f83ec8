import { z } from "./zod.ts";
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
  /** While closed: when the center opens next (ISO), from its calendar. */
  opensAt: z.string().optional(),
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

/**
 * The hall code (mã có mặt): four digits the lobby boards show, new every ten minutes. A phone
 * holding a remote number types it to say "I have arrived" (Tôi đã đến) without a kiosk. Spaces
 * are ignored.
 */
export const HallCodeText = z
  .string()
  .max(20)
  .transform((s) => s.replace(/\s/g, ""))
  .pipe(z.string().regex(/^\d{4}$/, "the hall code is the four digits shown on the hall's screens"));

/** POST /api/follow/:token/arrive: a held remote number checks in with the hall code. */
export const ArriveRequest = z.object({ code: HallCodeText });

/** The hall code as the boards show it, and when (ISO time) the next one replaces it. */
export const HallCodeShown = z.object({ code: z.string().regex(/^\d{4}$/), changesAt: z.string() });
export type HallCodeShown = z.infer<typeof HallCodeShown>;
