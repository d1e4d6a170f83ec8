import { networkInterfaces } from "node:os";

/** This machine's address on the hall's network, as a kiosk PC or a board TV reaches the server: the first non-loopback IPv4. */
export function lanAddress(): string {
  const found = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === "IPv4" && !a.internal);
  if (!found) throw new Error("this test needs a network interface with an IPv4 address besides loopback");
  return found.address;
}
