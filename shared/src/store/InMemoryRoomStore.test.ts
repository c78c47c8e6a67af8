import { runRoomStoreContract } from '../testing/storeContract';
import { InMemoryRoomStore, newInMemoryRoomStoreData } from './InMemoryRoomStore';

runRoomStoreContract('InMemoryRoomStore', () => {
  const data = newInMemoryRoomStoreData();
  return {
    open: async () => new InMemoryRoomStore(data),
    dispose: async () => {
      data.updates.clear();
      data.meta.clear();
    },
  };
});
