// Public API of @ensemble/sync-server: start a relay in-process (tests, benchmarks).
export {
  type CapabilityAdmissionOptions,
  createCapabilityAdmission,
} from './access/capabilityAdmission';
export { decodeRoomMeta, encodeRoomMeta, type RoomMeta } from './access/roomMeta';
export { type BannerInput, lanAddresses, startupBanner } from './banner';
export {
  type ConfigOutcome,
  parseConfig,
  type RelayConfig,
  relayOptionsFrom,
  USAGE,
} from './config';
export type { HealthReport } from './http/requestHandler';
export { jsonLogger, type Logger, silentLogger } from './log';
export { RejectionReason, RelayMetrics } from './metrics/RelayMetrics';
export {
  type AdmissionRequest,
  type AdmitHook,
  type Admitted,
  admitEverything,
  RoomAccess,
  RoomKind,
} from './relay/admission';
export { DEFAULT_LIMITS, type RelayLimits } from './relay/limits';
export {
  DEFAULT_MAX_MESSAGE_BYTES,
  type RelayOptions,
  type RunningRelay,
  startRelay,
} from './startRelay';
export {
  type DamagedLogReport,
  FileRoomStore,
  type FileRoomStoreOptions,
} from './store/FileRoomStore';
export { LevelRoomStore, type LevelRoomStoreOptions } from './store/LevelRoomStore';
export { type MigrationReport, migrateLevelDataDir } from './store/migrateLevelStore';
