import { spawnSync } from "node:child_process";
import { closeSync, openSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { mkdir, truncate, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";

function run(cmd: string, ...args: string[]): string {
  const r = spawnSync(cmd, args, { stdio: "pipe" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")}: ${r.error?.message ?? r.stderr.toString().trim()}`);
  return r.stdout.toString();
}

export type SmallDisk = Awaited<ReturnType<typeof smallDisk>>;

/**
 * A disk of its own for a test to break: ext4 in a file under `base`, through a loop device,
 * mounted on `<base>/data` as a hall's data disk is (errors=remount-ro). The failures are then
 * the kernel's own: short writes, ENOSPC, EROFS. Needs root and e2fsprogs, which CI has.
 */
export async function smallDisk(base: string, megabytes = 192) {
  const image = join(base, "disk.img");
  const dir = join(base, "data");
  await mkdir(dir);
  await writeFile(image, "");
  await truncate(image, megabytes * 1024 * 1024);
  const mountIt = () => run("mount", "-o", "loop,errors=remount-ro", image, dir);
  try {
    run("mkfs.ext4", "-q", "-F", image);
    mountIt();
  } catch (e) {
    throw new Error(`a test mounts a small ext4 disk of its own, which needs root and e2fsprogs: ${(e as Error).message}`);
  }
  return {
    dir,
    /**
     * Takes every byte left, the way a log or a download would (down to the last byte of the
     * filler's own block); returns how to give them back.
     */
    fill: (): (() => void) => {
      const filler = join(dir, "filler");
      const fd = openSync(filler, "w");
      try {
        for (const size of [1 << 16, 4096, 1]) {
          const chunk = Buffer.alloc(size, 0x61);
          try {
            for (;;) writeSync(fd, chunk);
          } catch {
            // ENOSPC: the next, smaller size takes what is left
          }
        }
      } finally {
        closeSync(fd);
      }
      return () => unlinkSync(filler);
    },
    /** What ext4 does when it meets an I/O error: from now on the disk is read-only. */
    fail: () => writeFileSync(`/sys/fs/ext4/${basename(run("findmnt", "-n", "-o", "SOURCE", dir).trim())}/trigger_fs_error`, "motcua test"),
    /** The operator's repair: unmount, fsck, mount again. */
    repair: () => {
      run("umount", dir);
      // e2fsck exits 1 when it corrected something: the error the test made.
      const fsck = spawnSync("e2fsck", ["-f", "-y", image], { stdio: "pipe" });
      if (fsck.status !== 0 && fsck.status !== 1) throw new Error(`e2fsck: ${fsck.stderr.toString()}`);
      mountIt();
    },
    readOnly: (ro: boolean) => run("mount", "-o", ro ? "remount,ro" : "remount,rw", dir),
    unmount: () => run("umount", dir),
  };
}
