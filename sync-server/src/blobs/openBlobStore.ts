import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type BlobLimits,
  type BlobStore,
  DEFAULT_BLOB_LIMITS,
  InMemoryBlobStore,
  type RoomStore,
} from '@ensemble/shared';
import { DirectoryStore } from '../directory/DirectoryStore';
import { createDirectoryRoutes } from '../directory/directoryRoutes';
import { ForwardStore } from '../forwards/ForwardStore';
import { createForwardRoutes } from '../forwards/forwardRoutes';
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
 * The relay's HTTP features beside the rooms: photos and files (blobs), and the public
 * directory. The blob store: the one given, or files under the data dir beside the rooms
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
  // The public directory lives beside the blobs (same data dir, same access rules).
  const directory = await DirectoryStore.open(
    ownsStore || options.dataDir !== undefined ? (options.dataDir ?? '.data') : undefined,
  );
  const forwards = await ForwardStore.open(
    ownsStore || options.dataDir !== undefined ? (options.dataDir ?? '.data') : undefined,
  );
  return {
    routes: (rooms) => {
      const blobRoutes = createBlobRoutes({ blobs, rooms, limits, log });
      const directoryRoutes = createDirectoryRoutes({ directory, rooms, log });
      const forwardRoutes = createForwardRoutes({ forwards, rooms, log });
      return (req, res, path) =>
        blobRoutes(req, res, path) ||
        directoryRoutes(req, res, path) ||
        forwardRoutes(req, res, path);
    },
    close: async () => {
      if (owned) await blobs.close();
    },
  };
}
