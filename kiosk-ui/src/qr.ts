import { renderSVG } from "uqr";

/** A QR code as SVG markup, drawn here: the kiosk needs no online service to show one. */
export const qrSvg = (text: string): string => renderSVG(text, { border: 2, ecc: "M" });
