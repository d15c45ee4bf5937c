// wrangler runs the [build] command with piped output, echoes it live, and on a non-zero exit prints it
// twice more (inside its error message and in its dump of that error). The one copy that must remain
// is wrangler's own stderr: found here as the stderr of the nearest ancestor process that is wrangler
// (Linux /proc; CI runners are Linux), when it is a pipe or a terminal. Else null: the caller falls back.
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    return Number.isInteger(ppid) && ppid > 1 ? ppid : null;
  } catch {
    return null;
  }
}

function isWrangler(pid: number): boolean {
  try {
    return /(^|[/\\])wrangler([/\\.\0-]|$)/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8"));
  } catch {
    return false;
  }
}

/** A writable fd on the stderr of the wrangler process that runs this build, or null. */
export function wranglerStderr(): number | null {
  let pid = parentOf(process.pid);
  // npm, shells and node sit in between: a few levels at most.
  for (let depth = 0; pid !== null && depth < 8; depth++, pid = parentOf(pid)) {
    if (!isWrangler(pid)) continue;
    try {
      const fd = openSync(`/proc/${pid}/fd/2`, "a");
      // A regular file reopened gets an offset of its own, and wrangler's next writes would overwrite
      // ours: only pipes and terminals (what CI runners give) are shared this way.
      if (!fstatSync(fd).isFile()) return fd;
      closeSync(fd);
      return null;
    } catch {
      return null; // a socket, or not ours to open
    }
  }
  return null;
}
