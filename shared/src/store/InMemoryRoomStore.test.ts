import { runRoomStoreContract } from '../testing/storeContract';
import { InMemoryRoomStore, type InMemoryRoomStoreData } from './InMemoryRoomStore';

runRoomStoreContract('InMemoryRoomStore', () => {
  const data: InMemoryRoomStoreData = new Map();
  return {
    open: async () => new InMemoryRoomStore(data),
    dispose: async () => data.clear(),
  };
});
