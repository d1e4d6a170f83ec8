// `npm run release`: the build as one archive, release/motcua-<version>.tar.gz, and its SHA-256
// in the form `sha256sum -c` reads. The archive holds one folder, motcua-<version>/.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, releaseDir, version } from "./build.mjs";

export function release() {
  build();
  const name = `motcua-${version}`;
  const archive = join(releaseDir, `${name}.tar.gz`);
  // Owner and times fixed, so the same tree gives the same archive.
  execFileSync("tar", ["--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--mtime=@0", "-czf", archive, "-C", releaseDir, name]);
  const sum = createHash("sha256").update(readFileSync(archive)).digest("hex");
  writeFileSync(`${archive}.sha256`, `${sum}  ${basename(archive)}\n`);
  console.log(`motcua: ${archive}\n        sha256 ${sum}`);
  return archive;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) release();
