import { runBlobStoreContract } from '../testing/blobStoreContract';
import { type InMemoryBlobData, InMemoryBlobStore } from './InMemoryBlobStore';

runBlobStoreContract('InMemoryBlobStore', () => {
  const data: InMemoryBlobData = new Map();
  return {
    open: async () => new InMemoryBlobStore(data),
    dispose: async () => data.clear(),
  };
});
