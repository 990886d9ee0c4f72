// @paralab/host/process: the flags a child inherits, and how a process's end is put in words.
import { spawn } from 'node:child_process';
import { childExecArgv, describeExit, StderrTail, stopChild } from '@paralab/host/process';
import { describe, expect, it } from 'vitest';

describe('childExecArgv', () => {
  it.each([
    [['--input-type=module', '-e', 'fork()'], []],
    [['--input-type', 'module', '--eval', 'fork()'], []],
    [['-pe', 'fork()', '--expose-gc'], ['--expose-gc']],
    // Each child gets a heap limit of its own: the parent's is not inherited.
    [['-i', '--check', '--inspect-brk=9229', '--max-old-space-size=4096'], []],
    [
      ['--conditions', 'development', '--require', 'x.cjs', '--test', '--watch-path=src'],
      ['--conditions', 'development', '--require', 'x.cjs'],
    ],
  ])('%j keeps %j', (parent, kept) => {
    expect(childExecArgv(parent)).toEqual(kept);
  });
});

describe('describeExit', () => {
  it.each([
    [7, null, {}, 'child process exited with code 7'],
    [null, 'SIGKILL', { what: 'the side' }, 'the side was killed by SIGKILL'],
  ])('(%j, %j, %j) says %j', (code, signal, options, text) => {
    expect(describeExit(code, signal, options)).toBe(text);
  });

  it("says a process ran out of memory when its stderr's end says so, with the heap limit", () => {
    const tail = new StderrTail(64);
    tail.push('x'.repeat(1000));
    expect(describeExit(134, null, { tail, heapLimitMb: 64 })).toBe('child process exited with code 134');
    tail.push(new TextEncoder().encode('FATAL ERROR: Reached heap limit Allocation failed\n'));
    expect(tail.text).toHaveLength(64);
    expect(describeExit(134, 'SIGABRT', { what: 'worker', tail, heapLimitMb: 64 })).toBe(
      'worker ran out of memory (heap limit 64 MB)',
    );
  });
});

describe('stopChild', () => {
  it('ends a child that ignores SIGTERM with SIGKILL after the grace period, and is safe twice', async () => {
    const child = spawn(
      process.execPath,
      ['-e', "process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000)"],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise((resolve) => child.stdout.once('data', resolve));
    await stopChild(child, 200);
    expect(child.signalCode).toBe('SIGKILL');
    await stopChild(child, 200);
  });
});
