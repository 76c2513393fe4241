import { readdirSync, readFileSync } from "node:fs";

/** Linux's USER_HZ: /proc reports CPU time in these ticks (100 on every architecture Node runs on). */
const TICKS_PER_SECOND = 100;

type ProcStat = { pid: number; ppid: number; ticks: number; childTicks: number };

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may contain spaces: fields are counted after it.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const number = (index: number) => Number(fields[index] ?? 0);
    // After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
    return { pid, ppid: number(1), ticks: number(11) + number(12), childTicks: number(13) + number(14) };
  } catch {
    return null;
  }
}

/**
 * CPU seconds used so far by a process and its children (live ones, and the ones it has reaped): for the
 * PostgreSQL postmaster that is every backend; for a sandbox process, the sandbox. Linux only; NaN elsewhere.
 */
export function cpuSecondsOfTree(pid: number): number {
  const root = readStat(pid);
  if (!root) return Number.NaN;
  let ticks = root.ticks + root.childTicks;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat && stat.ppid === pid) ticks += stat.ticks;
  }
  return ticks / TICKS_PER_SECOND;
}

/** The parent process id of `pid` (a backend's postmaster), or null. */
export function parentPid(pid: number): number | null {
  return readStat(pid)?.ppid ?? null;
}

/** CPU seconds of this process (user + system). */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** The peak resident set of a process so far (VmHWM), in MiB; NaN when it cannot be read. */
export function peakRssMiBOf(pid: number): number {
  try {
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kib === undefined ? Number.NaN : Number(kib) / 1024;
  } catch {
    return Number.NaN;
  }
}
