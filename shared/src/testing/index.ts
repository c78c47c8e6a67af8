// Test kits every adapter re-runs. Imported only by tests (they use vitest).
export { runDocumentContract } from './documentContract';
export { type RoomStoreHarness, runRoomStoreContract } from './storeContract';
