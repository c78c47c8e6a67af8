// Strict decoding of membership records: canonical JSON, exactly the expected fields, every
// base64url field of the right length. Anything else is `malformed` [SEAL2][SEAL4].

import { err, ok, type Result } from '../../result';
import { fromB64u, fromUtf8 } from '../bytes';
import { parseCanonical } from '../canonical';
import type { KeyWrap } from '../keyWrap';
import { refusal, type SealRefusal, SealRefusalReason } from '../refusal';
import {
  type JoinRequest,
  MAX_SPONSORS,
  type MembershipOp,
  OpKind,
  SEAL_VERSION,
} from './operations';

type Obj = Record<string, unknown>;

class Bad extends Error {}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function exactKeys(value: unknown, keys: readonly string[], what: string): Obj {
  if (!isObj(value)) throw new Bad(`${what} is not an object`);
  const have = Object.keys(value).sort();
  const want = [...keys].sort();
  if (have.length !== want.length || have.some((k, i) => k !== want[i])) {
    throw new Bad(`${what} has fields [${have.join(',')}], expected [${want.join(',')}]`);
  }
  return value;
}

function int(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new Bad(`${what} is not a non-negative integer`);
  }
  return value;
}

function str(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length > 200) throw new Bad(`${what} is not a string`);
  return value;
}

function b64(value: unknown, what: string, bytes?: number): string {
  const text = typeof value === 'string' ? value : undefined;
  const decoded = text === undefined ? undefined : fromB64u(text);
  if (text === undefined || decoded === undefined) throw new Bad(`${what} is not base64url`);
  if (bytes !== undefined && decoded.length !== bytes)
    throw new Bad(`${what} is not ${bytes} bytes`);
  return text;
}

function device(value: unknown, what: string): void {
  const d = exactKeys(value, ['sign', 'box'], what);
  b64(d.sign, `${what}.sign`, 32);
  b64(d.box, `${what}.box`, 32);
}

function wraps(value: unknown): readonly KeyWrap[] {
  if (!Array.isArray(value) || value.length > 10_000) throw new Bad('wraps is not a list');
  for (const [i, w] of value.entries()) {
    const o = exactKeys(w, ['to', 'epk', 'iv', 'ct'], `wraps[${i}]`);
    b64(o.to, 'wrap.to', 32);
    b64(o.epk, 'wrap.epk', 32);
    b64(o.iv, 'wrap.iv', 12);
    b64(o.ct, 'wrap.ct', 48);
  }
  return value as readonly KeyWrap[];
}

function checkJoinRequest(value: unknown): void {
  const r = exactKeys(value, ['v', 'community', 'device', 'at', 'expiresAt', 'sig'], 'request');
  if (r.v !== SEAL_VERSION) throw new Bad('request.v is not supported');
  str(r.community, 'request.community');
  device(r.device, 'request.device');
  int(r.at, 'request.at');
  int(r.expiresAt, 'request.expiresAt');
  b64(r.sig, 'request.sig', 64);
}

const HEADER = ['v', 'community', 'seq', 'prev', 'at', 'signer', 'sig', 'kind'] as const;

function checkOp(value: unknown): void {
  if (!isObj(value)) throw new Bad('operation is not an object');
  const kind = value.kind;
  const fields = (extra: readonly string[]): Obj =>
    exactKeys(value, [...HEADER, ...extra], 'operation');
  let o: Obj;
  switch (kind) {
    case OpKind.Genesis: {
      o = fields(['policy', 'device', 'wraps']);
      const p = exactKeys(o.policy, ['sponsors'], 'policy');
      const n = int(p.sponsors, 'policy.sponsors');
      if (n < 1 || n > MAX_SPONSORS) throw new Bad(`policy.sponsors must be 1..${MAX_SPONSORS}`);
      device(o.device, 'device');
      wraps(o.wraps);
      break;
    }
    case OpKind.Sponsor:
      o = fields(['request', 'expiresAt']);
      b64(o.request, 'request', 32);
      int(o.expiresAt, 'expiresAt');
      break;
    case OpKind.Admit:
      o = fields(['request', 'wraps']);
      checkJoinRequest(o.request);
      wraps(o.wraps);
      break;
    case OpKind.Remove: {
      o = fields(['member', 'epoch', 'wraps', 'chain']);
      b64(o.member, 'member', 32);
      int(o.epoch, 'epoch');
      wraps(o.wraps);
      const c = exactKeys(o.chain, ['iv', 'ct'], 'chain');
      b64(c.iv, 'chain.iv', 12);
      b64(c.ct, 'chain.ct', 48);
      break;
    }
    case OpKind.AddDevice:
      o = fields(['device', 'wraps']);
      device(o.device, 'device');
      wraps(o.wraps);
      break;
    default:
      throw new Bad(`unknown operation kind ${String(kind)}`);
  }
  if (o.v !== SEAL_VERSION) throw new Bad('operation version is not supported');
  str(o.community, 'community');
  int(o.seq, 'seq');
  if (o.prev !== '') b64(o.prev, 'prev', 32);
  int(o.at, 'at');
  b64(o.signer, 'signer', 32);
  b64(o.sig, 'sig', 64);
}

function decode<T>(bytes: Uint8Array, check: (v: unknown) => void): Result<T, SealRefusal> {
  const text = fromUtf8(bytes);
  const parsed = text === undefined ? undefined : parseCanonical(text);
  if (parsed === undefined) {
    return err(refusal(SealRefusalReason.Malformed, 'not canonical JSON'));
  }
  try {
    check(parsed);
  } catch (e) {
    if (e instanceof Bad) return err(refusal(SealRefusalReason.Malformed, e.message));
    throw e;
  }
  return ok(parsed as T);
}

export function decodeOp(bytes: Uint8Array): Result<MembershipOp, SealRefusal> {
  return decode<MembershipOp>(bytes, checkOp);
}

export function decodeJoinRequest(bytes: Uint8Array): Result<JoinRequest, SealRefusal> {
  return decode<JoinRequest>(bytes, checkJoinRequest);
}
