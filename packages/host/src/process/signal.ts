// Signals to processes by pid: is one still there, and ending a whole process group.

/** True while a process with this pid exists (signal 0 tests without sending anything; EPERM: it exists). */
export function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (thrown) {
    return (thrown as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** SIGKILL to the process group led by `pid` (a detached child and all it started); quiet when it is gone. */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}
