import { z } from "./zod.ts";
import { Id, Label, PrinterStatus, ServiceSummary, shownText } from "./domain.ts";

/** Long text shown to people (a document to bring, a fee rule). */
const Text = shownText(600);

/**
 * One administrative procedure as the center lists it publicly (niêm yết thủ tục hành chính):
 * what to bring, the fee, how long it takes, where to submit. Each ships in Vietnamese and English.
 */
export const Procedure = z
  .object({
    id: Id,
    name: Text,
    nameEn: Text,
    /** The queue service whose ticket a citizen takes for it. */
    serviceId: Id,
    documents: z.array(Text).min(1).max(30),
    documentsEn: z.array(Text).min(1).max(30),
    fee: Text,
    feeEn: Text,
    processingTime: Text,
    processingTimeEn: Text,
    submitAt: Text,
    submitAtEn: Text,
    legalBasis: Text.optional(),
  })
  .refine((p) => p.documents.length === p.documentsEn.length, { message: "documents and documentsEn must list the same papers", path: ["documentsEn"] });
export type Procedure = z.infer<typeof Procedure>;

export const ProcedureCatalog = z.array(Procedure).refine((ps) => new Set(ps.map((p) => p.id)).size === ps.length, "procedure ids must be unique");
export type ProcedureCatalog = z.infer<typeof ProcedureCatalog>;

/**
 * A dossier code (mã hồ sơ) as the national one-stop software prints it on the receipt:
 * the receiving agency's code, the day received (yymmdd) and a sequence, e.g. 000.00.12.H36-210601-0001.
 */
export const DossierCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z]{1,6}(\.[0-9A-Z]{1,6}){1,5}-\d{6}-\d{4}$/, "a dossier code looks like 000.00.12.H36-210601-0001");

export const DOSSIER_STATUSES = ["received", "processing", "supplement_needed", "ready", "returned", "rejected"] as const;
export const DossierState = z.enum(DOSSIER_STATUSES);
export type DossierState = z.infer<typeof DossierState>;

/** What a kiosk may show of a dossier: its procedure and progress, never the applicant. */
export const DossierStatus = z.object({
  code: z.string(),
  procedureName: z.string(),
  procedureNameEn: z.string(),
  status: DossierState,
  /** YYYY-MM-DD. */
  receivedOn: z.string(),
  /** Promised return day, YYYY-MM-DD; null when not set. */
  dueOn: z.string().nullable(),
  /** When results are ready: the queue service to take a ticket for (the returns counter). */
  returnServiceId: Id.nullable(),
});
export type DossierStatus = z.infer<typeof DossierStatus>;

/** Everything a kiosk's screens need, asked on every (re)connect. */
export const KioskSnapshot = z.object({
  day: z.string(),
  center: z.object({ name: z.string(), nameEn: z.string(), hotline: z.string(), notices: z.array(z.string()) }),
  fields: z.array(z.object({ id: Id, name: Label, nameEn: Label, icon: z.string().optional() })),
  services: z.array(ServiceSummary),
  /** Each service's other names the admin gave (`Service.aliases`), by service id; only those that have some. */
  aliases: z.record(z.string(), z.array(z.string())).optional(),
  priorityGroups: z.array(z.object({ id: Id, name: Label, nameEn: Label })),
  /** Counter numbers by id, to say where a called ticket should go. */
  counters: z.array(z.object({ id: Id, number: z.number().int() })),
  /** The public address of the ticket follow page: a ticket's QR opens `${followBase}/${ticketId}`. */
  followBase: z.string(),
  /** The last word from this kiosk's printer since the server started; null when none yet. */
  printer: z.object({ ok: z.boolean(), status: PrinterStatus.nullable() }).nullable(),
  /**
   * The hall's hours at `now` (the server's clock): open, whether ordinary numbers are issued, the
   * next opening and from when numbers are issued (while not), and when any of it changes (ISO times).
   */
  hours: z.object({ now: z.string(), open: z.boolean(), issuing: z.boolean(), opensAt: z.string().nullable(), issueFrom: z.string().nullable(), changesAt: z.string().nullable() }),
});
export type KioskSnapshot = z.infer<typeof KioskSnapshot>;

/** A ticket number as people say and type it: A023, HK0105. */
export const TicketNumber = z.string().trim().toUpperCase().regex(/^[A-Z]{1,2}\d{1,4}$/, "a ticket number looks like A023");

/**
 * The short code a citizen types at the kiosk when the QR will not scan: six characters
 * without the look-alikes I, L, O, 0 and 1. Spaces and dashes are ignored, any case.
 */
export const BOOKING_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const BookingCode = z
  .string()
  .max(20)
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^[2-9A-HJKMNP-Z]{6}$/, "a booking code is six letters and digits, e.g. 7KM 3PQ"));

/** A follow link's token: 16 URL-safe characters, made by the server. */
export const FollowToken = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "not a follow token");

export const BOOKING_STATUSES = ["booked", "cancelled", "checked_in", "walk_in"] as const;
export const BookingStatus = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof BookingStatus>;

/** What the phone shows of an appointment it booked: never the phone number. */
export const AppointmentInfo = z.object({
  code: z.string(),
  /** walk_in: the citizen came after the check-in window and got an ordinary ticket. */
  status: BookingStatus,
  /** YYYY-MM-DD and HH:mm, local. */
  date: z.string(),
  time: z.string(),
  fieldName: z.string(),
  fieldNameEn: z.string(),
  /** The kiosk takes it from … until … (local times on the booked day). */
  checkInFrom: z.string(),
  checkInUntil: z.string(),
  address: z.string().nullable(),
});
export type AppointmentInfo = z.infer<typeof AppointmentInfo>;

/**
 * What a citizen's phone shows of their own ticket, opened by the unguessable link in its QR:
 * the place in line and where to go, nothing about anyone else.
 */
export const FollowView = z.object({
  number: z.string(),
  serviceName: z.string(),
  serviceNameEn: z.string(),
  /**
   * "reserved": a remote number not yet checked in at the kiosk (it has no number yet);
   * "booked": an appointment not yet checked in (see `appointment`).
   */
  status: z.enum(["reserved", "booked", "waiting", "called", "serving", "parked", "done", "no_show", "cancelled"]),
  ahead: z.number().int().min(0),
  estimatedWait: z.object({ minMinutes: z.number().int(), maxMinutes: z.number().int() }).nullable(),
  /** The counter's number once the ticket is called (or being served). */
  counterNumber: z.number().int().nullable(),
  /** The center's id: the page's links to booking and remote numbers name it (a deployment may hold several). */
  centerId: z.string(),
  centerName: z.string(),
  centerNameEn: z.string(),
  hotline: z.string(),
  /** For a booked appointment: its day, time and code, whether or not it has become a ticket. */
  appointment: AppointmentInfo.optional(),
  /** A remote number or an appointment not yet checked in may be given up from the phone. */
  cancellable: z.boolean().optional(),
  /** While the hall is closed (outside its hours, a day off): when it opens next (ISO). */
  opensAt: z.string().optional(),
  /** A waiting ticket before the counters start: they call from then (ISO); the band counts from then. */
  callsFrom: z.string().optional(),
});
export type FollowView = z.infer<typeof FollowView>;

/**
 * A sentence the kiosk reads aloud: words on its screen, in the kiosk's language. Letters, marks
 * and the punctuation of a sentence only (no control characters, nothing that looks like markup).
 */
export const SpokenText = z.object({
  lang: z.enum(["vi", "en"]),
  text: z
    .string()
    .transform((s) => s.normalize("NFC").replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1).max(200).regex(/^[\p{L}\p{M}\p{N} .,;:!?'"()–\-/%+]+$/u, "only words, numbers and punctuation can be read aloud")),
});
export type SpokenText = z.infer<typeof SpokenText>;

/** The sentence as sound: a WAV file (16 kHz, 16-bit mono). A socket carries it as binary. */
export const SpokenClip = z.object({ wav: z.custom<ArrayBuffer | Uint8Array>((v) => v instanceof ArrayBuffer || ArrayBuffer.isView(v), "a WAV file") });
export type SpokenClip = z.infer<typeof SpokenClip>;
