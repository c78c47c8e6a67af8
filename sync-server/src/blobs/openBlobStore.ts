import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type BlobLimits,
  type BlobStore,
  DEFAULT_BLOB_LIMITS,
  InMemoryBlobStore,
  type RoomStore,
} from '@ensemble/shared';
import type { Logger } from '../log';
import { createBlobRoutes } from './blobRoutes';
import { FileBlobStore } from './FileBlobStore';

export interface RelayBlobs {
  readonly routes: (
    rooms: RoomStore,
  ) => (req: IncomingMessage, res: ServerResponse, path: string) => boolean;
  close(): Promise<void>;
}

/**
 * The relay's blob store: the one given, or files under the data dir beside the rooms
 * (the embedded default), or in memory when the rooms' store was given without a data dir.
 */
export async function openBlobStore(
  options: {
    readonly blobStore?: BlobStore;
    readonly blobLimits?: Partial<BlobLimits>;
    readonly dataDir?: string;
  },
  ownsStore: boolean,
  log: Logger,
): Promise<RelayBlobs> {
  const owned = options.blobStore === undefined;
  const blobs: BlobStore =
    options.blobStore ??
    (ownsStore || options.dataDir !== undefined
      ? await FileBlobStore.open(options.dataDir ?? '.data')
      : new InMemoryBlobStore());
  const limits: BlobLimits = { ...DEFAULT_BLOB_LIMITS, ...options.blobLimits };
  return {
    routes: (rooms) => createBlobRoutes({ blobs, rooms, limits, log }),
    close: async () => {
      if (owned) await blobs.close();
    },
  };
}
