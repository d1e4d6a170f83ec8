import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The workspaces are packages, not folders: each imports the others by name and declares what it
 * imports, no file reaches into another package's files, and the packages depend on each other
 * one way only. A new import that breaks this fails here, not in a production install.
 */
const ROOT = resolve(import.meta.dirname, "..", "..");
const root = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { workspaces: string[] };

interface Workspace {
  dir: string;
  name: string;
  declared: Set<string>;
}
const workspaces: Workspace[] = root.workspaces.map((dir) => {
  const pkg = JSON.parse(readFileSync(join(ROOT, dir, "package.json"), "utf8")) as { name: string; dependencies?: object; devDependencies?: object };
  return { dir, name: pkg.name, declared: new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]) };
});

/** Source files of a workspace: what it ships and what tests it. */
function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx|mjs)$/.test(name)) out.push(path);
    }
  };
  walk(join(ROOT, dir));
  return out;
}

/** Every module a file imports (static, dynamic, re-exports, type-only). */
const importsOf = (file: string): string[] =>
  [...readFileSync(file, "utf8").matchAll(/(?:^|\n)\s*(?:import|export)\b[^"'`;]*?\bfrom\s*["']([^"']+)["']|(?:^|\n)\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g)].map(
    (m) => (m[1] ?? m[2] ?? m[3])!,
  );

/** A bare specifier's package: "@scope/name" or "name". */
const packageOf = (spec: string): string => (spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);
const builtin = (spec: string) => spec.startsWith("node:") || builtinModules.includes(spec);

describe("the workspaces as packages", () => {
  it.each(workspaces.map((w) => [w.name, w] as const))("%s reaches no other package's files and declares every package it imports", (_name, w) => {
    const strays: string[] = [];
    const undeclared = new Set<string>();
    for (const file of sources(w.dir)) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith(".")) {
          const target = relative(join(ROOT, w.dir), resolve(dirname(file), spec));
          if (target.startsWith("..")) strays.push(`${relative(ROOT, file)} → ${spec}`);
        } else if (!builtin(spec) && packageOf(spec) !== w.name) {
          if (!w.declared.has(packageOf(spec))) undeclared.add(packageOf(spec));
        }
      }
    }
    expect(strays).toEqual([]);
    expect([...undeclared].sort()).toEqual([]);
  });

  it("depend on each other one way only: no cycle among the packages", () => {
    const ours = new Map(workspaces.map((w) => [w.name, [...w.declared].filter((d) => d.startsWith("@motcua/"))] as const));
    const cycle: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (name: string, path: string[]): boolean => {
      if (state.get(name) === "done") return false;
      if (state.get(name) === "open") return cycle.push(...path, name), true;
      state.set(name, "open");
      for (const dep of ours.get(name) ?? []) if (visit(dep, [...path, name])) return true;
      state.set(name, "done");
      return false;
    };
    for (const name of ours.keys()) if (visit(name, [])) break;
    expect(cycle).toEqual([]);
    // The engine is pure: it depends on the protocol's types and nothing of ours besides.
    expect(ours.get("@motcua/engine")).toEqual(["@motcua/protocol"]);
  });
});
