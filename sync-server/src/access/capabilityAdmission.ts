import {
  CloseReason,
  capabilityVerifier,
  err,
  type HandshakeCredentials,
  ok,
  parseHandshakeCredentials,
  RelayError,
  type Result,
  type RoomId,
  type RoomStore,
  sameVerifier,
} from '@ensemble/shared';
import type { Logger } from '../log';
import {
  type AdmissionRequest,
  type AdmitHook,
  type Admitted,
  RoomAccess,
  RoomKind,
} from '../relay/admission';
import { KeyedSerial } from './KeyedSerial';
import { decodeRoomMeta, encodeRoomMeta, type RoomMeta } from './roomMeta';

export interface CapabilityAdmissionOptions {
  readonly store: RoomStore;
  /**
   * Admit connections that present no capability to rooms that have no write
   * verifier (for clients that do not send capabilities yet). Rooms that have
   * a verifier still require it.
   */
  readonly openRooms: boolean;
  readonly log: Logger;
  readonly now?: () => number;
}

type Admission = Result<Admitted, RelayError>;

const write: Admission = ok({ roomKind: RoomKind.Plain, access: RoomAccess.Write });
const read: Admission = ok({ roomKind: RoomKind.Plain, access: RoomAccess.Read });
const refuse = (reason: CloseReason, detail: string): Admission =>
  err(new RelayError(reason, detail));

/**
 * Capability-based admission (PROTOCOL.md "Access"; SPEC [AUTH*], [EPOCH*]).
 * Decisions for one room are serialised, so two first writers cannot both
 * claim a room. The relay stores verifiers (hashes), never capabilities, and
 * never logs either.
 */
export function createCapabilityAdmission(options: CapabilityAdmissionOptions): AdmitHook {
  const perRoom = new KeyedSerial();
  const now = options.now ?? Date.now;
  return (request: AdmissionRequest) => {
    const credentials = parseHandshakeCredentials(request.offeredSubprotocols);
    if (!credentials.ok) return err(credentials.error);
    return perRoom.run(request.roomId, () => decide(request.roomId, credentials.value));
  };

  async function decide(room: RoomId, credentials: HandshakeCredentials): Promise<Admission> {
    const stored = await options.store.loadMeta(room);
    const meta = stored === undefined ? undefined : decodeRoomMeta(stored);
    const { capability, epoch, readOnly } = credentials;

    if (meta?.writeVerifier === undefined) {
      // A new room, a room written before capabilities, or an open room.
      if (capability === undefined) {
        if (!options.openRooms) {
          return refuse(CloseReason.Unauthenticated, 'this relay needs a room capability');
        }
        const epochCheck = await checkEpoch(room, meta, epoch, !readOnly);
        return epochCheck ?? (readOnly ? read : write);
      }
      if (readOnly) {
        if (options.openRooms && meta !== undefined) return epochMismatch(meta, epoch) ?? read;
        return refuse(CloseReason.NotFound, 'no such room on this relay');
      }
      const mismatch = epochMismatch(meta, epoch);
      if (mismatch !== undefined) return mismatch;
      const claimed: RoomMeta = {
        v: 1,
        createdAt: meta?.createdAt ?? now(),
        writeVerifier: capabilityVerifier(capability),
        ...withOptional('readVerifier', credentials.readVerifier),
        ...withOptional('epoch', meta?.epoch ?? epoch),
      };
      await options.store.saveMeta(room, encodeRoomMeta(claimed));
      options.log.info(meta === undefined ? 'room.created' : 'room.claimed', {
        room,
        readVerifier: claimed.readVerifier !== undefined,
        epoch: claimed.epoch !== undefined,
      });
      return write;
    }

    if (capability === undefined) {
      return refuse(CloseReason.Unauthenticated, 'this room needs a capability');
    }
    const verifier = capabilityVerifier(capability);
    let access: RoomAccess;
    if (sameVerifier(verifier, meta.writeVerifier)) {
      access = readOnly ? RoomAccess.Read : RoomAccess.Write;
    } else if (meta.readVerifier !== undefined && sameVerifier(verifier, meta.readVerifier)) {
      access = RoomAccess.Read;
    } else {
      return refuse(CloseReason.Forbidden, 'this capability does not open this room');
    }
    const mismatch = epochMismatch(meta, epoch);
    if (mismatch !== undefined) return mismatch;
    if (access === RoomAccess.Write) {
      const update: RoomMeta = {
        ...meta,
        ...withOptional('epoch', meta.epoch ?? epoch),
        ...withOptional('readVerifier', meta.readVerifier ?? credentials.readVerifier),
      };
      if (update.epoch !== meta.epoch || update.readVerifier !== meta.readVerifier) {
        await options.store.saveMeta(room, encodeRoomMeta(update));
      }
      return write;
    }
    return read;
  }

  /** For open rooms: refuses a mismatching epoch, records the first one (writers only). */
  async function checkEpoch(
    room: RoomId,
    meta: RoomMeta | undefined,
    epoch: string | undefined,
    record: boolean,
  ): Promise<Admission | undefined> {
    const mismatch = epochMismatch(meta, epoch);
    if (mismatch !== undefined) return mismatch;
    if (record && epoch !== undefined && meta?.epoch === undefined) {
      const recorded: RoomMeta = { ...(meta ?? { v: 1, createdAt: now() }), epoch };
      await options.store.saveMeta(room, encodeRoomMeta(recorded));
    }
    return undefined;
  }
}

function epochMismatch(
  meta: RoomMeta | undefined,
  epoch: string | undefined,
): Admission | undefined {
  if (meta?.epoch === undefined || epoch === undefined || meta.epoch === epoch) return undefined;
  return refuse(
    CloseReason.EpochMismatch,
    'the relay holds another document under this room id; refusing to merge',
  );
}

function withOptional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
