// Public API of @ensemble/shared. Each export is listed by name (no `export *`).

// --- domain, document port, clock (owned by the domain work) ---
export {
  compareHlc,
  decodeHlc,
  encodeHlc,
  HLC_MAX_DRIFT_MS,
  type HlcParts,
  type HlcTimestamp,
  HybridLogicalClock,
} from './clock/HybridLogicalClock';
export {
  type CrdtDocument,
  type CrdtMap,
  type DocumentChangeEvent,
  type DocumentEngine,
  EngineName,
  type JsonValue,
  type Unsubscribe,
} from './crdt/DocumentPort';
export { YjsDocument, yjsEngine } from './crdt/yjs/YjsDocument';
export {
  type AddEvent,
  applyCommunityChange,
  type ChangeContext,
  type ChangeOutcome,
  type CommunityChange,
  type CreateCommunity,
} from './domain/community/changes';
export {
  communityAccess,
  compareEvents,
  readCommunity,
  upcomingEvents,
} from './domain/community/read';
export {
  COMMUNITY_SCHEMA_VERSION,
  type CommunityEvent,
  type CommunityProfile,
  type CommunitySnapshot,
  type DocumentAccess,
} from './domain/community/schema';
export { type DomainError, DomainErrorReason } from './domain/errors';
export { LIMITS } from './domain/validation';
export {
  type CommunityId,
  communityDocId,
  type DeviceId,
  type DocEpoch,
  type DocId,
  type EventId,
  isWellFormedId,
  newCommunityId,
  newDeviceId,
  newEventId,
  parseCommunityId,
  randomId128,
} from './ids';
export { err, ok, type Result } from './result';

// --- sync protocol and relay store port (owned by the relay work) ---
