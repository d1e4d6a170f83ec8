import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMAND_RULES, NAMESPACES, NAMESPACE_RULES, ROUTE_RULES, commandGrants, restRoutes, routeGrants, type NamespaceName, type RouteName } from "@motcua/protocol";

/**
 * README's table of who may call what is generated from the protocol (scripts/role-table.ts):
 * a role or rule changed in protocol/src/routes.ts, events.ts or permissions.ts without
 * regenerating it fails here, and so does a hand edit of the table.
 */
const ROOT = resolve(import.meta.dirname, "..", "..");
const START = "<!-- roles:start -->";
const END = "<!-- roles:end -->";

describe("README's table of roles", () => {
  it("is what scripts/role-table.ts generates from the protocol (regenerate: tsx scripts/role-table.ts --write)", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const a = readme.indexOf(START);
    const b = readme.indexOf(END);
    expect(a, `README.md has no ${START}`).toBeGreaterThanOrEqual(0);
    expect(b, `README.md has no ${END} after ${START}`).toBeGreaterThan(a);
    const inReadme = readme.slice(a + START.length, b).trim();
    const generated = execFileSync(process.execPath, ["--import", "tsx", "scripts/role-table.ts"], { cwd: ROOT, encoding: "utf8" }).trim();
    expect(inReadme).toBe(generated);
  });

  it("names every route and command, and holds to a rule only a caller its role admits", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    for (const r of Object.values(restRoutes)) expect(readme).toContain(`\`${r.method.toUpperCase()} /api${r.path}\``);
    for (const [name, rules] of Object.entries(ROUTE_RULES)) {
      const admitted = routeGrants(name as RouteName).map((g) => g.caller);
      for (const caller of Object.keys(rules)) expect(admitted, `${name}: a rule for ${caller}, whom its roles refuse`).toContain(caller);
    }
    for (const [ns, rules] of Object.entries(NAMESPACE_RULES)) {
      for (const caller of Object.keys(rules)) expect(commandGrants(ns as NamespaceName, Object.keys(NAMESPACES[ns as NamespaceName].commands)[0]!).map((g) => g.caller)).toContain(caller);
    }
    for (const [ns, commands] of Object.entries(COMMAND_RULES)) {
      for (const [command, rules] of Object.entries(commands)) {
        expect(readme).toContain(`\`${NAMESPACES[ns as NamespaceName].path}\` \`${command}\``);
        const admitted = commandGrants(ns as NamespaceName, command).map((g) => g.caller);
        for (const caller of Object.keys(rules)) expect(admitted, `${ns} ${command}: a rule for ${caller}, whom its namespace refuses`).toContain(caller);
      }
    }
  });
});
