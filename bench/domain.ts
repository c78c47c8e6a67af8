/**
 * bench:domain: a large community (2,000 members, 5,000 events x 20 RSVPs,
 * 5,000 items) built through the domain API, then: encoded size, time to load
 * it from its encoded state, time to compute the home view (upcoming events
 * with confirmed counts + open items), and the same for the same data as plain
 * JSON (JSON.parse + the same view), the practical limit. Ratios are measured
 * side by side in one run; the machine is shared and noisy.
 *
 * Run: pnpm bench:domain   (BENCH_SCALE=0.1 for a quick run)
 */
import { cpus } from 'node:os';
import {
  applyCommunityChange,
  attendance,
  type ChangeContext,
  type CommunityChange,
  type CrdtDocument,
  type DeviceId,
  type DocId,
  HybridLogicalClock,
  type ItemId,
  listItems,
  listProjects,
  type MemberId,
  type ProjectId,
  readCommunity,
  upcomingEvents,
  yjsEngine,
} from '../shared/src/index';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const MEMBERS = Math.round(2_000 * scale);
const EVENTS = Math.round(5_000 * scale);
const RSVPS_PER_EVENT = 20;
const ITEMS = Math.round(5_000 * scale);
const PROJECTS = Math.round(200 * scale);
const RUNS = 5;
const FIRST_EVENT = Date.parse('2026-01-01T18:00:00Z');
const EVENT_SPACING_MS = 6 * 3_600_000;
/** Half the events are past, half upcoming. */
const NOW = new Date(FIRST_EVENT + (EVENTS / 2) * EVENT_SPACING_MS);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time<T>(fn: () => T): [number, T] {
  const start = performance.now();
  const value = fn();
  return [performance.now() - start, value];
}

function build(): CrdtDocument {
  const doc = yjsEngine.create('bench-community-000001' as DocId);
  const contexts = new Map<MemberId, ChangeContext>();
  const contextFor = (id: MemberId) => {
    let context = contexts.get(id);
    if (!context) {
      context = { clock: new HybridLogicalClock(`device-${id}` as DeviceId), actor: id };
      contexts.set(id, context);
    }
    return context;
  };
  const apply = (actor: MemberId, change: CommunityChange) => {
    const result = applyCommunityChange(doc, change, contextFor(actor));
    if (!result.ok) throw new Error(`${change.type}: ${result.error.reason}`);
    return result.value;
  };
  const founder = 'member-00000' as MemberId;
  apply(founder, {
    type: 'createCommunity',
    name: 'Grand réseau',
    description: 'Bench',
    city: 'Lyon',
    founder: { id: founder, displayName: 'Fondatrice', publicKey: 'pk-0' },
  });
  const members: MemberId[] = [founder];
  const invite = apply(founder, {
    type: 'createInvite',
    verifier: 'v',
    expiresAt: '2099-01-01T00:00:00Z',
    maxUses: null,
  });
  if (invite.type !== 'createInvite') throw new Error('invite');
  for (let i = 1; i < MEMBERS; i++) {
    const id = `member-${String(i).padStart(5, '0')}` as MemberId;
    apply(id, {
      type: 'joinWithInvite',
      inviteId: invite.inviteId,
      verifier: 'v',
      member: { id, displayName: `Membre ${i}`, publicKey: `pk-${i}` },
    });
    members.push(id);
  }
  for (let e = 0; e < EVENTS; e++) {
    const day = new Date(FIRST_EVENT + e * EVENT_SPACING_MS);
    const outcome = apply(founder, {
      type: 'addEvent',
      title: `Rencontre ${e}`,
      start: day.toISOString(),
      end: new Date(day.getTime() + 7_200_000).toISOString(),
      timeZone: 'Europe/Paris',
      place: 'Salle des fêtes',
      capacity: 15,
    });
    if (outcome.type !== 'event') throw new Error('event');
    for (let r = 0; r < RSVPS_PER_EVENT; r++) {
      const member = members[(e * 7 + r * 13) % members.length] as MemberId;
      apply(member, {
        type: 'setRsvp',
        eventId: outcome.eventId,
        status: r % 5 === 4 ? 'maybe' : 'going',
      });
    }
  }
  for (let i = 0; i < ITEMS; i++) {
    const owner = members[i % members.length] as MemberId;
    const item = apply(owner, {
      type: 'postItem',
      kind: (['offer', 'request', 'lend'] as const)[i % 3] ?? 'offer',
      title: `Objet ${i}`,
      description: 'Un objet à partager entre voisins',
      tags: ['maison'],
    });
    if (item.type === 'item' && i % 4 === 0) {
      apply(members[(i + 1) % members.length] as MemberId, {
        type: 'claimItem',
        itemId: item.itemId as ItemId,
      });
    }
  }
  for (let p = 0; p < PROJECTS; p++) {
    apply(members[p % members.length] as MemberId, {
      type: 'registerProject',
      projectId: `project-${String(p).padStart(16, '0')}` as ProjectId,
      title: `Projet ${p}`,
      summary: 'Un projet collectif',
    });
  }
  return doc;
}

/** The home view from the CRDT document, through the domain API. */
function homeFromDoc(doc: CrdtDocument) {
  const snapshot = readCommunity(doc);
  if (!snapshot) throw new Error('no community');
  const events = upcomingEvents(snapshot, NOW).map((event) => ({
    event,
    confirmed: attendance(doc, event.id).confirmed.length,
  }));
  const items = listItems(doc).filter((item) => item.state === 'open' || item.state === 'reserved');
  const projects = listProjects(doc).filter((project) => !project.archived);
  return {
    events: events.length,
    confirmed: events.reduce((n, e) => n + e.confirmed, 0),
    items: items.length,
    projects: projects.length,
  };
}

interface PlainCommunity {
  events: { id: string; start: string; end: string; capacity: number | null; cancelled: boolean }[];
  /** The same compact RSVP strings as the document: status letter + stamp. */
  rsvps: Record<string, string>;
  items: { id: string; state: string }[];
  projects: { id: string; archived: boolean }[];
}

/** The same view over plain JSON: the practical lower bound. */
function homeFromJson(data: PlainCommunity) {
  const iso = NOW.toISOString();
  const going = new Map<string, string[]>();
  for (const [key, rsvp] of Object.entries(data.rsvps)) {
    if (rsvp[0] !== 'g') continue;
    const occurrence = key.slice(0, key.lastIndexOf('|'));
    const list = going.get(occurrence) ?? [];
    list.push(rsvp.slice(1));
    going.set(occurrence, list);
  }
  const events = data.events
    .filter((e) => !e.cancelled && e.end >= iso)
    .sort((a, b) => (a.start < b.start ? -1 : 1))
    .map((e) => {
      const list = (going.get(`${e.id}|`) ?? []).sort();
      return Math.min(list.length, e.capacity ?? list.length);
    });
  const items = data.items.filter((i) => i.state === 'open' || i.state === 'reserved');
  const projects = data.projects.filter((p) => !p.archived);
  return {
    projects: projects.length,
    events: events.length,
    confirmed: events.reduce((n, c) => n + c, 0),
    items: items.length,
  };
}

function toPlain(doc: CrdtDocument): string {
  const snapshot = readCommunity(doc);
  if (!snapshot) throw new Error('no community');
  const rsvps: Record<string, unknown> = {};
  const map = doc.map('rsvps');
  for (const key of map.keys()) rsvps[key] = map.getValue(key);
  return JSON.stringify({ ...snapshot, rsvps, items: listItems(doc), projects: listProjects(doc) });
}

function cpuProbe(): number {
  const [ms] = time(() => {
    let x = 0;
    for (let i = 0; i < 20_000_000; i++) x = (x + i * 7) % 1_000_003;
    return x;
  });
  return ms;
}

const [buildMs, doc] = time(build);
const state = doc.encodeState();
const json = toPlain(doc);
const docLoads: number[] = [];
const docHomes: number[] = [];
const jsonLoads: number[] = [];
const jsonHomes: number[] = [];
let docView: unknown;
let jsonView: unknown;
for (let run = 0; run < RUNS; run++) {
  const [loadMs, loaded] = time(() => yjsEngine.load(doc.id, [state]));
  const [homeMs, view] = time(() => homeFromDoc(loaded));
  docLoads.push(loadMs);
  docHomes.push(homeMs);
  docView = view;
  loaded.destroy();
  const [parseMs, parsed] = time(() => JSON.parse(json) as PlainCommunity);
  const [jsonHomeMs, plainView] = time(() => homeFromJson(parsed));
  jsonLoads.push(parseMs);
  jsonHomes.push(jsonHomeMs);
  jsonView = plainView;
}
const docTotal = median(docLoads) + median(docHomes);
const jsonTotal = median(jsonLoads) + median(jsonHomes);
const figures = {
  machine: `${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, node ${process.version}`,
  cpuProbeMs: Number(cpuProbe().toFixed(1)),
  scale,
  members: MEMBERS,
  events: EVENTS,
  rsvps: EVENTS * RSVPS_PER_EVENT,
  items: ITEMS,
  projects: PROJECTS,
  buildSeconds: Number((buildMs / 1000).toFixed(1)),
  encodedBytes: state.byteLength,
  jsonBytes: json.length,
  crdtLoadMs: Number(median(docLoads).toFixed(1)),
  crdtHomeViewMs: Number(median(docHomes).toFixed(1)),
  jsonParseMs: Number(median(jsonLoads).toFixed(1)),
  jsonHomeViewMs: Number(median(jsonHomes).toFixed(1)),
  ratioLoadPlusHome: Number((docTotal / jsonTotal).toFixed(2)),
  homeView: docView,
  jsonHomeView: jsonView,
};
process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
const sameView = (a: unknown, b: unknown) =>
  JSON.stringify(Object.entries(a as object).sort()) ===
  JSON.stringify(Object.entries(b as object).sort());
if (!sameView(docView, jsonView)) {
  process.stderr.write(
    'bench:domain: the CRDT and JSON home views differ; the comparison is void\n',
  );
  process.exitCode = 1;
}
