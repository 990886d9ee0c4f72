/**
 * `promise`, or a rejection with `took longer than <ms> ms` (prefixed by `what`) when it has not settled
 * within `ms` milliseconds. The timer never keeps the process alive past the race.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what = ''): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what ? `${what} ` : ''}took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
