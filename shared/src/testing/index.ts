// Test kits every adapter re-runs. Imported only by tests (they use vitest).

// Photos and files (issue 15).
export { type BlobStoreHarness, runBlobStoreContract } from './blobStoreContract';
export { runDocumentContract } from './documentContract';
export { type RoomStoreHarness, runRoomStoreContract } from './storeContract';
