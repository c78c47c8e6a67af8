import { describe, expect, it } from 'vitest';
import { encodeCheckInCode, readCheckInCode } from './checkInCode';

const here = { communityId: 'c0mmunity-AAAA', eventId: 'ev3nt_BBBB', occurrence: '2030-04-10' };

describe('check-in code', () => {
  it('reads back the member of a code made for this occurrence', () => {
    const text = encodeCheckInCode({ ...here, memberId: 'm3mber-CCCC' });
    expect(readCheckInCode(text, here)).toEqual({ ok: true, memberId: 'm3mber-CCCC' });
    expect(readCheckInCode(` ${text}\n`, here)).toEqual({ ok: true, memberId: 'm3mber-CCCC' });
  });

  it('tells another event, another occurrence and another community apart', () => {
    const code = { ...here, memberId: 'm' };
    expect(readCheckInCode(encodeCheckInCode({ ...code, eventId: 'other' }), here)).toEqual({
      ok: false,
      problem: 'other-event',
    });
    expect(readCheckInCode(encodeCheckInCode({ ...code, occurrence: '2030-04-17' }), here)).toEqual(
      { ok: false, problem: 'other-event' },
    );
    expect(readCheckInCode(encodeCheckInCode({ ...code, communityId: 'x' }), here)).toEqual({
      ok: false,
      problem: 'other-community',
    });
  });

  it('refuses what is not a check-in code: an invite link, a pairing code, damaged text', () => {
    for (const text of [
      'https://ensemble.example/#/join/abc/def',
      'ENS1:1/2:abcd:payload',
      'ENSCHECKIN1|a|b|c',
      'ENSCHECKIN1|a|b|c|d|e',
      'ENSCHECKIN1|a b|b|c|d',
      '',
    ]) {
      expect(readCheckInCode(text, here)).toEqual({ ok: false, problem: 'not-a-check-in-code' });
    }
  });
});
