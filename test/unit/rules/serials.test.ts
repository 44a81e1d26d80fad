// Proves the printed serials (选票编号): the Damm check digit of known numbers, that every
// single-digit error and every swap of two neighbouring digits (the check digit included) is
// refused, the papers' ranges per constituency, and the check at entry naming its rule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPrintedSerial,
  dammDigit,
  papersSerials,
  parsePrintedSerial,
  planBallotPapers,
  printedSerial,
  serialWidth,
} from '../../../shared/rules/serials.ts';

describe('Damm check digit', () => {
  it('gives the published check digits', () => {
    // Damm's own example: 572 → 4.
    expect(dammDigit('572')).toBe(4);
    expect(printedSerial(572)).toBe('5724');
    expect(printedSerial(1)).toBe('0013');
    expect(printedSerial(127, 4)).toBe(`0127${dammDigit('127')}`);
  });

  it('pads to at least 3 digits, wider for a larger count', () => {
    expect(serialWidth(1)).toBe(3);
    expect(serialWidth(999)).toBe(3);
    expect(serialWidth(1000)).toBe(4);
    expect(() => printedSerial(0)).toThrow();
  });

  it('reads back the number of every printed serial', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), (n) => {
        const width = serialWidth(n);
        expect(parsePrintedSerial(printedSerial(n, width), width)).toEqual({ ok: true, n });
      }),
    );
  });

  const serial = fc.integer({ min: 1, max: 99_999 }).map((n) => printedSerial(n, serialWidth(n)));

  it('detects every single-digit error', () => {
    fc.assert(
      fc.property(serial, fc.nat(), fc.integer({ min: 1, max: 9 }), (s, at, shift) => {
        const i = at % s.length;
        const wrong = (Number(s[i]) + shift) % 10;
        const typed = `${s.slice(0, i)}${wrong}${s.slice(i + 1)}`;
        expect(parsePrintedSerial(typed)).toEqual({ ok: false, rule: 'serial-check-digit' });
      }),
    );
  });

  it('detects every adjacent transposition of different digits', () => {
    fc.assert(
      fc.property(serial, fc.nat(), (s, at) => {
        const i = at % (s.length - 1);
        fc.pre(s[i] !== s[i + 1]);
        const typed = `${s.slice(0, i)}${s[i + 1]}${s[i]}${s.slice(i + 2)}`;
        expect(parsePrintedSerial(typed)).toEqual({ ok: false, rule: 'serial-check-digit' });
      }),
    );
  });

  it('refuses what is not digits, and a valid serial of another width', () => {
    expect(parsePrintedSerial('A12')).toEqual({ ok: false, rule: 'serial-check-digit' });
    expect(parsePrintedSerial('5724', 4)).toEqual({ ok: false, rule: 'serial-not-printed' });
    expect(parsePrintedSerial('05724', 4)).toEqual({ ok: true, n: 572 });
  });
});

describe('the papers of a round', () => {
  it('numbers a recommendation round’s papers in consecutive ranges per constituency', () => {
    const papers = planBallotPapers(0, [
      { id: 'units', count: 3 },
      { id: 'residents', count: 2 },
    ]);
    expect(papers).toEqual({
      count: 5,
      width: 3,
      constituencies: [
        { id: 'units', from: 1, count: 3 },
        { id: 'residents', from: 4, count: 2 },
      ],
    });
    expect(papersSerials(papers).map((p) => p.constituency)).toEqual([
      'units',
      'units',
      'units',
      'residents',
      'residents',
    ]);
    expect(checkPrintedSerial(papers, printedSerial(4), 'residents')).toEqual({ ok: true });
    expect(checkPrintedSerial(papers, printedSerial(4), 'units')).toMatchObject({
      ok: false,
      rule: 'serial-constituency',
    });
  });

  it('refuses a serial beyond the printed count, naming it', () => {
    const papers = planBallotPapers(12);
    expect(papersSerials(papers)).toHaveLength(12);
    expect(checkPrintedSerial(papers, printedSerial(12))).toEqual({ ok: true });
    const beyond = checkPrintedSerial(papers, printedSerial(13));
    expect(beyond).toMatchObject({ ok: false, rule: 'serial-not-printed' });
    expect(beyond.ok || beyond.message).toContain(printedSerial(13));
  });
});
