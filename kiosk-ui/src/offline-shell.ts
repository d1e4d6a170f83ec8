import { startShell } from "@motcua/protocol/client";

// Loaded after the start screen, off its budget. A kiosk the shell kept through an outage needs no
// page of its own: its offline screen says it is waiting, and its link reconnects by itself.
startShell();
