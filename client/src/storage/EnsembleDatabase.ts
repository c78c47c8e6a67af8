import { Dexie, type EntityTable } from 'dexie';

/** One stored CRDT update of a document (local or received); compaction merges them. */
export interface UpdateRow {
  readonly seq?: number;
  readonly docId: string;
  readonly bytes: Uint8Array;
}

/** The home screen's small index, kept beside the full documents. */
export interface CommunityRow {
  readonly id: string;
  readonly name: string;
  readonly city: string;
  readonly lastOpenedAt: number;
  readonly updatedAt: number;
  /** When a file was last imported into this community on this device (not indexed). */
  readonly lastImportAt?: number;
}

/**
 * What lets this device reach a community on a relay: the room capability from
 * the invite link's fragment. A secret: kept apart from the home index, never
 * logged, never put in a URL sent to a server.
 */
export interface AccessRow {
  readonly communityId: string;
  readonly capability: string;
  readonly readOnly: boolean;
  readonly addedAt: number;
  /** The membership invite of the link followed, until this device has joined with it. */
  readonly joinInvite?: { readonly id: string; readonly secret: string };
}

/**
 * An invite this device created: its secret is kept so that the link can be shown
 * again (the document holds only its verifier). A secret: never logged.
 */
export interface InviteRow {
  readonly inviteId: string;
  readonly communityId: string;
  readonly secret: string;
  readonly createdAt: number;
}

/**
 * A small derived view of a community (what its home shows first), rewritten from the
 * document after changes; read when the community is opened, before the document.
 * `format` tells its shape: a reader ignores a row of another format.
 */
export interface DigestRow {
  readonly communityId: string;
  readonly format: number;
  readonly writtenAt: number;
  readonly digest: unknown;
}

export interface SettingRow {
  readonly key: string;
  readonly value: unknown;
}

export const SettingKey = {
  deviceId: 'deviceId',
  hlcLast: 'hlcLast',
  language: 'language',
  persistRequested: 'persistRequested',
  /** The name this person gives once (RSVPs, comments); shown as "Vous" to themselves. */
  displayName: 'displayName',
  /** The device's key pair (CryptoKeys; the private one non-extractable). */
  deviceKeys: 'deviceKeys',
  /** A relay chosen by a self-hoster (ws:// or wss://), instead of the one that served the app. */
  relayUrl: 'relayUrl',
  /** The install suggestion was dismissed: not offered again. */
  installDismissed: 'installDismissed',
} as const;
export type SettingKey = (typeof SettingKey)[keyof typeof SettingKey];

export type EnsembleDatabase = Dexie & {
  updates: EntityTable<UpdateRow, 'seq'>;
  communities: EntityTable<CommunityRow, 'id'>;
  settings: EntityTable<SettingRow, 'key'>;
  access: EntityTable<AccessRow, 'communityId'>;
  invites: EntityTable<InviteRow, 'inviteId'>;
  digests: EntityTable<DigestRow, 'communityId'>;
};

export function openEnsembleDatabase(name = 'ensemble'): EnsembleDatabase {
  const db = new Dexie(name) as EnsembleDatabase;
  db.version(1).stores({
    updates: '++seq, docId',
    communities: 'id, lastOpenedAt',
    settings: 'key',
  });
  db.version(2).stores({ access: 'communityId' });
  db.version(3).stores({ invites: 'inviteId, communityId' });
  db.version(4).stores({ digests: 'communityId' });
  // What others did in each community since this device last looked (see ActivityStore.ts).
  db.version(5).stores({ activity: 'communityId' });
  // Photos and files: blobs by hash, and those waiting to be sent to the relay (client/src/blobs).
  db.version(6).stores({ blobs: 'hash', blobUploads: '[communityId+hash], communityId' });
  return db;
}
