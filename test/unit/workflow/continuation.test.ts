// Proves the continue-as-new rule: when an execution hands over to a successor (500 loops or 30
// calendar days), and the successor's name: deterministic, unique along the chain, ≤ 80 chars,
// also for the longest election id (128 characters).
import { describe, expect, it } from 'vitest';
import { workflowExecutionName } from '../../../shared/aws/step-functions.ts';
import {
  continuationName,
  MAX_AGE_DAYS,
  MAX_STEPS,
  nextLoop,
} from '../../../shared/workflow/continuation.ts';

const election = { id: 'e-0123456789abcdef', dayLengthMs: 1000 };
const now = new Date('2026-01-01T00:00:00.000Z');
const startedAgo = (days: number) => new Date(now.getTime() - days * 1000).toISOString();

describe('continue-as-new', () => {
  it('counts loops and continues after MAX_STEPS of them', () => {
    const at = (steps: number) =>
      nextLoop(
        { steps, execution: 'e-0123456789abcdef-start', startedAt: startedAgo(0) },
        election,
        now,
      );
    expect(at(0)).toEqual({ steps: 1, continueAs: null });
    expect(at(MAX_STEPS - 2).continueAs).toBeNull();
    expect(at(MAX_STEPS - 1)).toEqual({
      steps: MAX_STEPS,
      continueAs: 'e-0123456789abcdef-start-c1',
    });
  });

  it('continues once the execution is MAX_AGE_DAYS calendar days old', () => {
    const at = (days: number) =>
      nextLoop({ steps: 3, execution: 'x-start-c4', startedAt: startedAgo(days) }, election, now);
    expect(at(MAX_AGE_DAYS - 0.01).continueAs).toBeNull();
    expect(at(MAX_AGE_DAYS).continueAs).toBe('x-start-c5');
  });

  it('names successors along one chain, within 80 characters', () => {
    expect(continuationName('e1-start')).toBe('e1-start-c1');
    expect(continuationName('e1-start-c1')).toBe('e1-start-c2');
    expect(continuationName('e1-resume-7-c9')).toBe('e1-resume-7-c10');
    const id = 'x'.repeat(70);
    const long = continuationName(`${id}-resume-12`);
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.startsWith('x'.repeat(40))).toBe(true);
    expect(continuationName(long)).not.toBe(long);
    expect(continuationName(`${id}-resume-12`)).toBe(long);
    expect(continuationName(`${id}-resume-13`)).not.toBe(long);
  });

  it('gives a 128-character election distinct names of ≤ 80 valid characters for every start and link', () => {
    const id = `${'e'.repeat(100)}-${'0123456789abcdef'.repeat(2)}`.slice(0, 128);
    expect(id).toHaveLength(128);
    const starts = ['start', 'resume-2', 'resume-3', 'resume-12'].map((attempt) =>
      workflowExecutionName(id, attempt),
    );
    const names = starts.flatMap((start) => {
      const chain = [start];
      for (let i = 0; i < 12; i++) chain.push(continuationName(chain.at(-1) as string));
      return chain;
    });
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[\w-]{1,80}$/);
    // Deterministic: a retried start or handover asks for the same name.
    expect(workflowExecutionName(id, 'start')).toBe(starts[0]);
    expect(continuationName(starts[0] as string)).toBe(names[1]);
    // Another election sharing the first 80 characters gets other names.
    expect(workflowExecutionName(`${id.slice(0, 127)}x`, 'start')).not.toBe(starts[0]);
  });
});
