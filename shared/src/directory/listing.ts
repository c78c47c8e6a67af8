import { err, ok, type Result } from '../result';

/**
 * What a community that chose to be listed shows in its relay's public directory
 * [DIR2]: nothing else of the community ever leaves its rooms. Built on the device from
 * what its organizers marked public (`directoryListingOf`), checked by the relay
 * (`parseDirectoryListing`: unknown fields are refused, not dropped).
 */
export interface PublicEvent {
  readonly title: string;
  /** UTC instants, ISO 8601. */
  readonly start: string;
  readonly end: string;
  readonly place: string;
}

export type JoinPath =
  /** An open community: anyone may follow its public invite link. */
  | { readonly kind: 'open'; readonly url: string }
  /** A closed one: ask a member to sponsor you, through the contact its organizers give. */
  | { readonly kind: 'sponsorship'; readonly contact: string };

export interface DirectoryListing {
  readonly v: 1;
  readonly name: string;
  readonly city: string;
  readonly themes: readonly string[];
  readonly events: readonly PublicEvent[];
  readonly join: JoinPath;
}

export const DIRECTORY_LIMITS = {
  name: 120,
  city: 80,
  theme: 40,
  themes: 12,
  events: 10,
  eventTitle: 200,
  place: 200,
  url: 600,
  contact: 300,
  /** The JSON of one listing, in bytes. */
  bytes: 16 * 1024,
} as const;

/** Why a listing was refused; `field` names the first bad one. */
export interface ListingError {
  readonly reason: 'not-json' | 'bad-field' | 'unknown-field' | 'too-large';
  readonly field: string;
}

const bad = (field: string): Result<never, ListingError> => err({ reason: 'bad-field', field });

function onlyKeys(value: object, keys: readonly string[], at: string): ListingError | undefined {
  const extra = Object.keys(value).find((key) => !keys.includes(key));
  return extra === undefined ? undefined : { reason: 'unknown-field', field: `${at}${extra}` };
}

const isText = (value: unknown, max: number, required = true): value is string =>
  typeof value === 'string' &&
  value.length <= max &&
  (!required || value.trim() !== '') &&
  ![...value].some((char) => char.charCodeAt(0) < 0x20);

const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));

function isJoinUrl(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= DIRECTORY_LIMITS.url &&
    /^https?:\/\/[^\s/?#]+[^\s]*$/.test(value)
  );
}

/** [DIR3] Checks a listing sent to the relay: known fields only, each within its limit. */
export function parseDirectoryListing(value: unknown): Result<DirectoryListing, ListingError> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('');
  const extra = onlyKeys(value, ['v', 'name', 'city', 'themes', 'events', 'join'], '');
  if (extra) return err(extra);
  const record = value as Record<string, unknown>;
  if (record.v !== 1) return bad('v');
  if (!isText(record.name, DIRECTORY_LIMITS.name)) return bad('name');
  if (!isText(record.city, DIRECTORY_LIMITS.city, false)) return bad('city');
  const themes = record.themes;
  if (
    !Array.isArray(themes) ||
    themes.length > DIRECTORY_LIMITS.themes ||
    !themes.every((theme) => isText(theme, DIRECTORY_LIMITS.theme))
  ) {
    return bad('themes');
  }
  const events = record.events;
  if (!Array.isArray(events) || events.length > DIRECTORY_LIMITS.events) return bad('events');
  const parsedEvents: PublicEvent[] = [];
  for (const [i, event] of events.entries()) {
    if (typeof event !== 'object' || event === null) return bad(`events.${i}`);
    const extraEvent = onlyKeys(event, ['title', 'start', 'end', 'place'], `events.${i}.`);
    if (extraEvent) return err(extraEvent);
    const e = event as Record<string, unknown>;
    if (!isText(e.title, DIRECTORY_LIMITS.eventTitle)) return bad(`events.${i}.title`);
    if (!isInstant(e.start) || !isInstant(e.end)) return bad(`events.${i}.start`);
    if (!isText(e.place, DIRECTORY_LIMITS.place, false)) return bad(`events.${i}.place`);
    parsedEvents.push({ title: e.title, start: e.start, end: e.end, place: e.place });
  }
  const join = record.join;
  if (typeof join !== 'object' || join === null) return bad('join');
  const j = join as Record<string, unknown>;
  let parsedJoin: JoinPath;
  if (j.kind === 'open') {
    const extraJoin = onlyKeys(join, ['kind', 'url'], 'join.');
    if (extraJoin) return err(extraJoin);
    if (!isJoinUrl(j.url)) return bad('join.url');
    parsedJoin = { kind: 'open', url: j.url };
  } else if (j.kind === 'sponsorship') {
    const extraJoin = onlyKeys(join, ['kind', 'contact'], 'join.');
    if (extraJoin) return err(extraJoin);
    if (!isText(j.contact, DIRECTORY_LIMITS.contact)) return bad('join.contact');
    parsedJoin = { kind: 'sponsorship', contact: j.contact };
  } else {
    return bad('join.kind');
  }
  return ok({
    v: 1,
    name: record.name,
    city: record.city,
    themes: themes as string[],
    events: parsedEvents,
    join: parsedJoin,
  });
}

/** Lowercase, without accents or surrounding spaces: "  Vélo " matches "velo". */
export function normaliseSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

export interface DirectoryQuery {
  readonly theme?: string;
  readonly city?: string;
}

/** [DIR4] A listing matches a theme it has (or one starting with the query) and its city. */
export function matchesDirectoryQuery(listing: DirectoryListing, query: DirectoryQuery): boolean {
  const theme = normaliseSearch(query.theme ?? '');
  const city = normaliseSearch(query.city ?? '');
  if (theme && !listing.themes.some((t) => normaliseSearch(t).startsWith(theme))) return false;
  if (city && !normaliseSearch(listing.city).startsWith(city)) return false;
  return true;
}
