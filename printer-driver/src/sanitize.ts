/**
 * Text from outside (service names, notices, a center's name) on its way to a printer.
 * Control bytes would be commands to the printer (ESC, GS, DLE: cut, open the drawer, switch
 * code page), and bidi or zero-width characters would print nothing yet move the rest; so
 * they go, and letters are composed (NFC) so "ệ" is one character whichever way it was typed.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/gu;

export function cleanText(text: string): string {
  return text.normalize("NFC").replace(UNPRINTABLE, " ").replace(/ {2,}/g, " ").trim();
}

/** Ticket numbers print in the printer's own large font, which knows only ASCII letters and digits. */
export function cleanTicketNumber(number: string): string {
  return number.normalize("NFC").replace(/[^A-Z0-9-]/gi, "").toUpperCase().slice(0, 12);
}

/** A URL for the QR code: printable ASCII only, as a QR reader and a phone expect. */
export function cleanUrl(url: string): string {
  return url.replace(/[^\u0021-\u007e]/g, "").slice(0, 512);
}
