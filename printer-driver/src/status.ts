/**
 * Printer status from the real-time status request DLE EOT n (Epson ESC/POS; most clones
 * answer it the same way). Each answer is one byte with bits 1 and 4 set and bits 0 and 7
 * clear, which is how an answer is told from other bytes on the line.
 */
export const STATUS_REQUESTS = {
  printer: [0x10, 0x04, 0x01],
  offlineCause: [0x10, 0x04, 0x02],
  errorCause: [0x10, 0x04, 0x03],
  paper: [0x10, 0x04, 0x04],
} as const;

export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
  /** A cutter jam or another error the printer reports. */
  error: boolean;
}

export const isStatusByte = (b: number): boolean => (b & 0b1001_0011) === 0b0001_0010;

/** The four answers, in the order of STATUS_REQUESTS. */
export function parseStatus(printer: number, offlineCause: number, errorCause: number, paper: number): PrinterStatus {
  for (const b of [printer, offlineCause, errorCause, paper]) {
    if (!isStatusByte(b)) throw new Error(`0x${b.toString(16)} is not an ESC/POS status byte`);
  }
  return {
    online: (printer & 0x08) === 0,
    coverOpen: (offlineCause & 0x04) !== 0,
    paperNearEnd: (paper & 0x0c) === 0x0c,
    paperOut: (paper & 0x60) === 0x60 || (offlineCause & 0x20) !== 0,
    error: (offlineCause & 0x40) !== 0 || (errorCause & 0x68) !== 0,
  };
}

/** The bytes a printer in `status` answers, for the virtual printer and for tests. */
export function statusBytes(status: PrinterStatus): [number, number, number, number] {
  const base = 0x12;
  const offline = status.coverOpen || status.paperOut || status.error;
  return [
    base | (offline || !status.online ? 0x08 : 0),
    base | (status.coverOpen ? 0x04 : 0) | (status.paperOut ? 0x20 : 0) | (status.error ? 0x40 : 0),
    base | (status.error ? 0x40 : 0),
    base | (status.paperNearEnd || status.paperOut ? 0x0c : 0) | (status.paperOut ? 0x60 : 0),
  ];
}
