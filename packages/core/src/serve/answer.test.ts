import { describe, expect, it } from 'vitest';
import { answerTask } from './answer.js';

const run = (input: unknown): unknown => {
  const { n } = input as { n: number };
  if (n < 0) throw new Error('negative');
  return n === 0 ? 0 : `got ${n}`;
};

describe('answerTask', () => {
  it.each([
    ['POST', '/task/1', '{"n":1}', { status: 200, body: 'got 1' }],
    ['POST', '/task/1', '{"n":-1}', { status: 500, body: 'negative' }],
    ['POST', '/task/1', '{"n":0}', { status: 500, body: 'the task answered number, not a string' }],
    ['POST', '/task/1', 'not json', { status: 400, body: 'the request body is not JSON' }],
    ['GET', '/task/1', '', { status: 404, body: 'not found: GET /task/1' }],
    ['POST', '/other', '{"n":1}', { status: 404, body: 'not found: POST /other' }],
  ])('answers %s %s %s', async (method, path, text, expected) => {
    expect(await answerTask(run, method, path, text)).toEqual(expected);
  });
});
