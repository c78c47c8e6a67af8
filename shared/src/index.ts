// Public API of @ensemble/shared. Each export is listed by name (no `export *`).

export { type BlobStore, BlobStoreClosedError } from './blobs/BlobStore';
// Photos and files (issue 15): blob references, the blob store port, attachments.
export {
  BLOB_PATH_PREFIX,
  BLOB_REFUSAL_STATUS,
  type BlobLimits,
  BlobRefusal,
  blobPath,
  checkBlobSize,
  DEFAULT_BLOB_LIMITS,
} from './blobs/blobPolicy';
export {
  type BlobHash,
  type BlobRef,
  BlobRefError,
  blobHashOf,
  isBlobHash,
  isImageType,
  MAX_BLOB_NAME_LENGTH,
  parseBlobRef,
} from './blobs/blobRef';
export { type InMemoryBlobData, InMemoryBlobStore } from './blobs/InMemoryBlobStore';
// --- file bundles (sneakernet: export / import of a community and its projects) ---
export { decodeBundle } from './bundle/decodeBundle';
export { type BundleInput, documentEpoch, encodeBundle } from './bundle/encodeBundle';
export {
  BUNDLE_FILE_EXTENSION,
  BUNDLE_FORMAT_VERSION,
  BUNDLE_LIMITS,
  // Bundles with photos and files (issue 15, blobsync):
  BUNDLE_PLAIN_FORMAT_VERSION,
  type BundleBlob,
  type BundleBlobEntry,
  type BundleDocument,
  type BundleDocumentEntry,
  BundleDocumentKind,
  type BundleError,
  BundleErrorReason,
  type BundleLimits,
  type BundleManifest,
  type DecodedBundle,
} from './bundle/format';
export {
  applyBundle,
  BUNDLE_ORIGIN,
  type ImportedDocument,
  type ImportSummary,
  type PreparedBundle,
  type PrepareOptions,
  prepareBundle,
} from './bundle/importBundle';
// --- domain, document port, clock (owned by the domain work) ---
export {
  compareHlc,
  decodeHlc,
  encodeHlc,
  type HlcParts,
  type HlcTimestamp,
  HybridLogicalClock,
} from './clock/HybridLogicalClock';
// --- Automerge engine (issue 13): Automerge chunks and heads read without the engine (no wasm).
// The adapter and `documentEngine` are NOT exported here (a dynamic import reachable from this
// index makes the bundler emit the wasm and regroup the first-load chunks): lazy code imports
// `@ensemble/shared/engines`, which loads Automerge on first use.
export {
  AUTOMERGE_MAGIC,
  AutomergeChunkError,
  type Chunk as AutomergeChunk,
  ChunkErrorReason as AutomergeChunkErrorReason,
  ChunkType as AutomergeChunkType,
  concatUpdates as concatAutomergeUpdates,
  splitChunks as splitAutomergeChunks,
} from './crdt/automerge/chunks';
export {
  decodeHeads as decodeAutomergeHeads,
  encodeHeads as encodeAutomergeHeads,
} from './crdt/automerge/heads';
export type { DocumentVersion, DocumentVersions } from './crdt/DocumentPort';
export {
  type CrdtDocument,
  type CrdtMap,
  type DocumentChangeEvent,
  type DocumentEngine,
  EngineName,
  type JsonValue,
  type Unsubscribe,
} from './crdt/DocumentPort';
export { yjsRichText } from './crdt/yjs/richText';
export { YjsDocument, yjsEngine } from './crdt/yjs/YjsDocument';
// Public directory (issue 15): what a listed community shows on its relay.
export {
  DIRECTORY_LIMITS,
  type DirectoryListing,
  type DirectoryQuery,
  type JoinPath,
  type ListingError,
  matchesDirectoryQuery,
  normaliseSearch,
  type PublicEvent,
  parseDirectoryListing,
} from './directory/listing';
export { hasMembership } from './domain/community/access';
// Bundles with photos and files (issue 15, blobsync):
export { listAttachmentBlobs } from './domain/community/attachmentBlobs';
export {
  type AddAttachment,
  type Attachment,
  type AttachmentChange,
  type AttachmentId,
  type AttachmentOutcome,
  type AttachmentTarget,
  attachmentTargetKey,
  MAX_ATTACHMENTS_PER_TARGET,
  newAttachmentId,
  type RemoveAttachment,
  readAttachments,
} from './domain/community/attachments';
export {
  applyCommunityChange,
  type ChangeOutcome,
  type CommunityChange,
  type CreateCommunity,
} from './domain/community/changes';
export {
  type AddComment,
  type CommentTarget,
  commentTargetKey,
  readComments,
} from './domain/community/comments';
export type { ChangeContext } from './domain/community/context';
export {
  type DirectoryChange,
  type DirectoryOutcome,
  type DirectorySettings,
  directoryListingOf,
  readDirectorySettings,
  type SetDirectoryListing,
  type SetEventPublic,
} from './domain/community/directory';
export {
  type DiscussionChange,
  type DiscussionThread,
  listThreads,
  type ReplyToThread,
  readThread,
  type SetThreadArchived,
  type StartThread,
  type ThreadView,
} from './domain/community/discussions';
export type {
  AddEvent,
  EventFields,
  SetEventCancelled,
  SetOccurrenceException,
  UpdateEvent,
} from './domain/community/events';
export {
  type CalendarOptions,
  communityToICalendar,
  eventToICalendar,
} from './domain/community/icalendar';
export {
  type ClaimItem,
  type CloseItem,
  type HandOverItem,
  type HoldingPeriod,
  type ItemChange,
  type ItemFields,
  ItemKind,
  type ItemOutcome,
  ItemState,
  listItems,
  type PostItem,
  type ReturnItem,
  readItem,
  type SharedItem,
  searchItems,
  type UpdateItem,
  type WithdrawClaim,
} from './domain/community/items';
export type { NewMember } from './domain/community/memberChanges';
export {
  type Invite,
  type Member,
  MemberRole,
  MemberStatus,
  readInvites,
  readMembers,
  type SponsorshipNode,
  sponsorshipTree,
} from './domain/community/members';
export {
  comparePosts,
  type DiscussionOutcome,
  type EditPost,
  newPostId,
  newThreadId,
  type Post,
  type PostChange,
  type PostId,
  type PostIndex,
  postIndex,
  postsOn,
  readPost,
  type SetPostDeleted,
  type SetPostHidden,
  type ThreadId,
  threadKey,
} from './domain/community/posts';
export {
  listProjects,
  type ProjectIndexChange,
  type ProjectIndexEntry,
} from './domain/community/projects';
export {
  communityAccess,
  compareEvents,
  nextOccurrence,
  readCommunity,
  upcomingEvents,
} from './domain/community/read';
export {
  isOccurrenceKey,
  type Occurrence,
  type OccurrenceException,
  occurrencesOf,
  type Recurrence,
  RecurrenceFrequency,
} from './domain/community/recurrence';
export { type Attendance, attendance, RsvpStatus } from './domain/community/rsvp';
export {
  COMMUNITY_MIGRATIONS,
  COMMUNITY_SCHEMA_VERSION,
  type CommunityEvent,
  type CommunityProfile,
  CommunityRoot,
  type CommunitySnapshot,
  type Coordinates,
  type DocumentAccess,
} from './domain/community/schema';
export { type DomainError, DomainErrorReason } from './domain/errors';
export { type Migration, type MigrationOutcome, migrateDocument } from './domain/migrations';
export {
  type AddTask,
  type ArchiveTask,
  applyProjectChange,
  type CreateProject,
  type MoveTask,
  type ProjectChange,
  type ProjectOutcome,
  type UpdateProject,
  type UpdateTask,
} from './domain/project/changes';
export {
  type ProjectHistoryEntry,
  projectAt,
  projectHistory,
  restoreProjectVersion,
} from './domain/project/history';
export { columnOf, type ProjectAccess, projectAccess, readProject } from './domain/project/read';
export {
  type ActivityEntry,
  PROJECT_SCHEMA_VERSION,
  ProjectRoot,
  type ProjectSnapshot,
  type Task,
  TaskStatus,
} from './domain/project/schema';
export { LIMITS } from './domain/validation';
// Requests that travel (issue 15): one post forwarded beyond the community by a link.
export {
  FORWARD_LIMITS,
  type ForwardError,
  type ForwardedPost,
  type ForwardReply,
  type ForwardShare,
  forwardFragment,
  isShareId,
  newForwardShare,
  parseForwardedPost,
  parseForwardFragment,
  parseForwardReply,
  parseForwardShare,
  type StoredForwardReply,
} from './forward/share';
export {
  type CommunityId,
  communityDocId,
  type DeviceId,
  type DocEpoch,
  type DocId,
  type EventId,
  type InviteId,
  type ItemId,
  isWellFormedId,
  type MemberId,
  newCommunityId,
  newDeviceId,
  newEventId,
  newInviteId,
  newProjectId,
  newTaskId,
  type ProjectId,
  parseCommunityId,
  projectDocId,
  randomId128,
  type TaskId,
} from './ids';
// --- sync protocol and relay store port (owned by the relay work) ---
export {
  AWARENESS_REMOVED,
  type AwarenessEntry,
  decodeAwarenessUpdate,
  encodeAwarenessUpdate,
  isAwarenessRemoval,
} from './protocol/awarenessUpdate';
export {
  type BackoffPolicy,
  type CloseInfo,
  DEFAULT_BACKOFF,
  fullJitterDelay,
  isPermanentCloseCode,
  ReconnectScheduler,
  type ReconnectSchedulerOptions,
  type TimerPort,
} from './protocol/backoff';
export {
  CAPABILITY_TOKEN_PREFIX,
  type Capability,
  type CapabilityVerifier,
  capabilityVerifier,
  EPOCH_TOKEN_PREFIX,
  type HandshakeCredentials,
  isCapability,
  isCapabilityVerifier,
  isCredentialToken,
  isDocumentEpoch,
  newCapability,
  parseHandshakeCredentials,
  READ_ONLY_TOKEN,
  READ_VERIFIER_TOKEN_PREFIX,
  type RelayCredentials,
  relaySubprotocols,
  sameVerifier,
} from './protocol/capability';
export {
  CLOSE_CODES,
  type CloseCodeInfo,
  CloseReason,
  closeCodeFor,
  closeReasonForCode,
  formatCloseReason,
} from './protocol/closeCodes';
export {
  formatSubprotocol,
  MIN_SUPPORTED_PROTOCOL_VERSION,
  type NegotiatedProtocol,
  negotiateProtocol,
  PROTOCOL_VERSION,
} from './protocol/handshake';
export {
  AuthMessageType,
  MessageType,
  SyncMessageType,
  type WireMessage,
  type WireMessageType,
} from './protocol/messageTypes';
export { assertNever, type DecodeResult, RelayError } from './protocol/RelayError';
export { parseRoomId, ROOM_ID_PATTERN, type RoomId, SYNC_PATH_PREFIX } from './protocol/roomId';
export {
  parseRoomEngine,
  ROOM_KIND_TOKEN_PREFIX,
  type RoomEngine,
  roomKindSubprotocol,
} from './protocol/roomKind';
export {
  encodeSignalingAuth,
  parseSignalingMessage,
  SIGNAL_PATH,
  type SignalingClientMessage,
  SignalingErrorReason,
  type SignalingServerMessage,
} from './protocol/signaling';
export { decodeWireMessage, encodeWireMessage } from './protocol/wireMessages';
export { err, ok, type Result } from './result';
// --- sealed communities (issue 12): membership log, key wraps, content envelopes ---
export { fromB64u, toB64u } from './sealed/bytes';
export { admitEnvelope } from './sealed/contentAdmission';
export {
  type DeviceKeys,
  generateDeviceKeys,
  signBytes,
  subtleCrypto,
  verifyBytes,
} from './sealed/crypto';
export {
  type EnvelopeHeader,
  openEnvelope,
  type ParsedEnvelope,
  parseEnvelope,
  roomKey,
  sealEnvelope,
  verifyEnvelope,
} from './sealed/envelope';
export { applyOp, verifyLog } from './sealed/membership/applyOp';
export {
  createAddDevice,
  createAdmit,
  createGenesis,
  createJoinRequest,
  createRemove,
  createSponsor,
  deviceRecord,
} from './sealed/membership/author';
export { decodeJoinRequest, decodeOp } from './sealed/membership/decode';
export { type KeyRing, recoverKeyRing } from './sealed/membership/keyRing';
export {
  type DeviceRecord,
  type JoinRequest,
  type MembershipOp,
  OpKind,
  type SealPolicy,
} from './sealed/membership/operations';
export { encodeRecord, opHash, requestHash } from './sealed/membership/signing';
export {
  currentDevices,
  currentMembers,
  isCurrentDevice,
  isCurrentMember,
  type MemberState,
  type MembershipState,
  requiredSponsors,
} from './sealed/membership/state';
export { type SealRefusal, SealRefusalReason } from './sealed/refusal';
export { ReplayGuard } from './sealed/replayGuard';
export {
  ReplicaStatus,
  SealedReplica,
  type SealedReplicaOptions,
} from './sealed/SealedReplica';
export { type SealedItem, SealedOutbox } from './sealed/sealedOutbox';
export {
  AUTH_LABEL,
  authPayload,
  decodeSealed,
  encodeSealed,
  RefusedKind,
  SEALED_PATH_PREFIX,
  type SealedMessage,
  SealedTag,
} from './sealed/wire';
export {
  InMemoryRoomStore,
  type InMemoryRoomStoreData,
  newInMemoryRoomStoreData,
} from './store/InMemoryRoomStore';
export {
  assertReplaceCount,
  assertStorableRoomId,
  type RoomStore,
  RoomStoreClosedError,
} from './store/RoomStore';
export { fromLocal, type LocalDateTime, offsetAt, toLocal } from './time/zonedTime';
