import { describe, expect, it } from "vitest";
import { isPrivate } from "./health.ts";

describe("a public address phones can open", () => {
  it("is none of loopback, private, link-local, carrier-grade NAT or a bare local name", () => {
    for (const host of ["localhost", "127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.10", "169.254.3.4", "100.64.0.1", "::1", "fd00::1", "fe80::1", "may-chu", "motcua.local"]) {
      expect(isPrivate(host), host).toBe(true);
    }
    for (const host of ["motcua.lamdong.gov.vn", "203.162.4.191", "172.32.0.1", "8.8.8.8", "2001:4860::1"]) expect(isPrivate(host), host).toBe(false);
  });
});
