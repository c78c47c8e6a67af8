import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../router/routes';
import { JoinLinkProblem, readJoinLink } from './joinLink';

const ID = 'c0mmun1tyIdAbCdEf';
const CAPABILITY = 'Ab3_dEf-ghIjKlMnOpQrStUvWxYz0123456789abcde';
const INVITE = 'inv1teIdAbCdEfGh';
const SECRET = 'S3cr3t_-ghIjKlMnOpQrStUvWxYz0123456789abcd';
const HASH = `#/join/${ID}/${CAPABILITY}/${INVITE}/${SECRET}`;

describe('readJoinLink', () => {
  it('gives the join address of an invite link, from this origin or another one', () => {
    expect(parseRoute(HASH)).toMatchObject({ name: 'join', invite: { id: INVITE } });
    expect(readJoinLink(`https://ensemble.example.org/${HASH}`)).toEqual({ ok: true, value: HASH });
    expect(readJoinLink(`  http://192.168.1.20:8787/${HASH}\n`)).toEqual({
      ok: true,
      value: HASH,
    });
    // An open community's link carries only the relay capability.
    const open = `#/join/${ID}/${CAPABILITY}`;
    expect(readJoinLink(`https://a.example/${open}`)).toEqual({ ok: true, value: open });
  });

  it('tells a pairing code, another link, a damaged invite and plain text apart', () => {
    expect(readJoinLink('ENS1:1/2:abc:Zm9vYmFy')).toEqual({
      ok: false,
      error: JoinLinkProblem.pairingCode,
    });
    for (const other of [
      'https://example.org/',
      `https://example.org/#/c/${ID}`,
      `http://192.168.1.20:8787/#/new`,
    ]) {
      expect(readJoinLink(other)).toEqual({ ok: false, error: JoinLinkProblem.otherLink });
    }
    for (const damaged of [
      `https://e.example/#/join/${ID}`,
      `https://e.example/#/join/${ID}/${CAPABILITY.slice(0, 10)}`,
      `https://e.example/#/join/${ID}/${CAPABILITY}/${INVITE}`,
      `https://e.example/#/join/${ID}/${CAPABILITY}/${INVITE}/${SECRET.slice(0, 12)}`,
    ]) {
      expect(readJoinLink(damaged)).toEqual({ ok: false, error: JoinLinkProblem.damagedInvite });
    }
    for (const text of [
      'Bonjour, voici mon numéro',
      '',
      'WIFI:S:Fablab;T:WPA;P:secret;;',
      `ftp://example.org/${HASH}`,
      `javascript:alert(1)//${HASH}`,
    ]) {
      expect(readJoinLink(text)).toEqual({ ok: false, error: JoinLinkProblem.notALink });
    }
  });
});
