import type { CommunitySnapshot, MemberId, ProjectSnapshot } from '@ensemble/shared';
import type { FeatureTranslate } from '../../../i18n/featureMessages';
import type { Peer } from '../../../sync/Presence';
import type { ProjectMessageKey } from './messages';

export { presenceColor } from '../../../sync/Presence';

export interface Person {
  readonly id: MemberId;
  readonly name: string;
}

/** Names learnt from who was here (an open community keeps no member names). */
export type KnownNames = ReadonlyMap<string, string>;

/** A person's name: the community's member name, else a name seen here, else a short tag. */
export function personName(
  t: FeatureTranslate<ProjectMessageKey>,
  community: CommunitySnapshot | undefined,
  known: KnownNames,
  id: string,
  me: MemberId,
  myName: string,
): string {
  if (id === me && myName) return myName;
  const member = community?.members.find((m) => m.id === id);
  if (member?.displayName) return member.displayName;
  const seen = known.get(id);
  if (seen) return seen;
  return t('people.someone', { tag: id.slice(0, 4).toUpperCase() });
}

/**
 * Who a task can be assigned to: the community's active members; in an open community
 * (no members), the people known to this project: me, those here now or seen here, its
 * contributors and its current assignees.
 */
export function assigneeCandidates(
  t: FeatureTranslate<ProjectMessageKey>,
  community: CommunitySnapshot | undefined,
  project: ProjectSnapshot,
  known: KnownNames,
  peers: readonly Peer[],
  me: MemberId,
  myName: string,
): Person[] {
  const name = (id: string) => personName(t, community, known, id, me, myName);
  if (community && community.members.length > 0) {
    return community.members
      .filter((member) => member.status === 'active')
      .map((member) => ({ id: member.id, name: name(member.id) }))
      .sort(byName);
  }
  const ids = new Set<string>([me]);
  for (const peer of peers) ids.add(peer.id);
  for (const id of known.keys()) ids.add(id);
  for (const id of project.contributors) ids.add(id);
  for (const status of ['todo', 'doing', 'done'] as const) {
    for (const task of project.columns[status]) for (const id of task.assignees) ids.add(id);
  }
  return [...ids].map((id) => ({ id: id as MemberId, name: name(id) })).sort(byName);
}

function byName(a: Person, b: Person): number {
  return a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);
}
