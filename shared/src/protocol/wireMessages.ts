import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CloseReason } from './closeCodes';
import { AuthMessageType, MessageType, SyncMessageType, type WireMessage } from './messageTypes';
import { assertNever, type DecodeResult, decoded, rejected } from './RelayError';

/** Encodes one wire message as the bytes of one websocket binary frame. */
export function encodeWireMessage(message: WireMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  switch (message.type) {
    case 'syncStep1':
      writeSync(encoder, SyncMessageType.Step1, message.stateVector);
      break;
    case 'syncStep2':
      writeSync(encoder, SyncMessageType.Step2, message.update);
      break;
    case 'syncUpdate':
      writeSync(encoder, SyncMessageType.Update, message.update);
      break;
    case 'awareness':
      encoding.writeVarUint(encoder, MessageType.Awareness);
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'queryAwareness':
      encoding.writeVarUint(encoder, MessageType.QueryAwareness);
      break;
    case 'authPermissionDenied':
      encoding.writeVarUint(encoder, MessageType.Auth);
      encoding.writeVarUint(encoder, AuthMessageType.PermissionDenied);
      encoding.writeVarString(encoder, message.reason);
      break;
    default:
      assertNever(message, 'wire message');
  }
  return encoding.toUint8Array(encoder);
}

function writeSync(encoder: encoding.Encoder, step: SyncMessageType, payload: Uint8Array): void {
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
}

/**
 * Decodes one websocket frame. Strict: truncated input, trailing bytes and
 * unknown tags are rejected with the reason the relay closes the socket with.
 * Payload views alias `bytes`.
 */
export function decodeWireMessage(bytes: Uint8Array): DecodeResult<WireMessage> {
  const decoder = decoding.createDecoder(bytes);
  let result: DecodeResult<WireMessage>;
  try {
    result = readMessage(decoder);
  } catch (cause) {
    return rejected(CloseReason.MalformedMessage, 'truncated or invalid varint framing', cause);
  }
  if (result.ok && decoding.hasContent(decoder)) {
    return rejected(CloseReason.MalformedMessage, `trailing bytes after ${result.value.type}`);
  }
  return result;
}

function readMessage(decoder: decoding.Decoder): DecodeResult<WireMessage> {
  if (!decoding.hasContent(decoder)) {
    return rejected(CloseReason.MalformedMessage, 'empty message');
  }
  const tag = decoding.readVarUint(decoder);
  switch (tag) {
    case MessageType.Sync:
      return readSync(decoder);
    case MessageType.Awareness:
      return decoded({ type: 'awareness', update: decoding.readVarUint8Array(decoder) });
    case MessageType.QueryAwareness:
      return decoded({ type: 'queryAwareness' });
    case MessageType.Auth: {
      const authType = decoding.readVarUint(decoder);
      if (authType !== AuthMessageType.PermissionDenied) {
        return rejected(CloseReason.UnsupportedMessage, `unknown auth message type ${authType}`);
      }
      return decoded({ type: 'authPermissionDenied', reason: decoding.readVarString(decoder) });
    }
    default:
      return rejected(CloseReason.UnsupportedMessage, `unknown message type ${tag}`);
  }
}

function readSync(decoder: decoding.Decoder): DecodeResult<WireMessage> {
  const step = decoding.readVarUint(decoder);
  switch (step) {
    case SyncMessageType.Step1:
      return decoded({ type: 'syncStep1', stateVector: decoding.readVarUint8Array(decoder) });
    case SyncMessageType.Step2:
      return decoded({ type: 'syncStep2', update: decoding.readVarUint8Array(decoder) });
    case SyncMessageType.Update:
      return decoded({ type: 'syncUpdate', update: decoding.readVarUint8Array(decoder) });
    default:
      return rejected(CloseReason.MalformedMessage, `unknown sync message type ${step}`);
  }
}
