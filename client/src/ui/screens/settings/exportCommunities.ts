import {
  type CommunityId,
  type CommunitySnapshot,
  type CrdtDocument,
  communityToICalendar,
  listItems,
  listProjects,
  listThreads,
  readCommunity,
} from '@ensemble/shared';

/** What the JSON export holds: plain data, readable without Ensemble. */
export const EXPORT_FORMAT = 'ensemble-communities';
export const EXPORT_VERSION = 1;

export interface CommunityExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  readonly exportedAt: string;
  readonly appVersion: string;
  readonly communities: readonly ExportedCommunity[];
}

export interface ExportedCommunity {
  /** Profile, events (with RSVPs, comments), members. */
  readonly community: CommunitySnapshot;
  readonly items: readonly unknown[];
  readonly threads: readonly unknown[];
  readonly projects: readonly unknown[];
}

/** Opens a community's document from this device; undefined when it has none. */
export type OpenDocument = (id: CommunityId) => Promise<CrdtDocument | undefined>;

/** Reads every listed community through the domain API (capabilities are never included). */
export async function collectCommunities(
  ids: readonly CommunityId[],
  open: OpenDocument,
): Promise<{ communities: ExportedCommunity[]; missing: CommunityId[] }> {
  const communities: ExportedCommunity[] = [];
  const missing: CommunityId[] = [];
  for (const id of ids) {
    const doc = await open(id);
    const community = doc ? readCommunity(doc) : undefined;
    if (!doc || !community) {
      missing.push(id);
      continue;
    }
    communities.push({
      community,
      items: listItems(doc),
      threads: listThreads(doc),
      projects: listProjects(doc),
    });
  }
  return { communities, missing };
}

/** The JSON file: Maps become objects and Sets arrays, so that any tool can read it. */
export function communitiesToJson(
  communities: readonly ExportedCommunity[],
  meta: { now: Date; appVersion: string },
): string {
  const file: CommunityExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: meta.now.toISOString(),
    appVersion: meta.appVersion,
    communities,
  };
  return JSON.stringify(file, plainValue, 2);
}

function plainValue(_key: string, value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  return value;
}

/** One calendar with the events of every community (each keeps its own UID). */
export function communitiesToICalendar(
  communities: readonly ExportedCommunity[],
  options: { now: Date; origin: string; name: string },
): string | undefined {
  const first = communities[0]?.community;
  if (!first) return undefined;
  const events = communities.flatMap((entry) => entry.community.events);
  return communityToICalendar(
    { ...first, profile: { ...first.profile, name: options.name }, events },
    { now: options.now, origin: options.origin },
  );
}

/** Saves `text` as a file through the browser's download (made on the device, no network). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started reading the file; free it once that is surely done.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
