import type { CrdtDocument, JsonValue } from '../../crdt/DocumentPort';
import { err, ok, type Result } from '../../result';
import { type DomainError, DomainErrorReason, domainError } from '../errors';
import { LIMITS, validText } from '../validation';
import { actingMember } from './access';
import type { ChangeContext } from './context';
import { MemberRole } from './members';
import { CommunityRoot } from './schema';

export interface ProfileFields {
  readonly name: string;
  readonly description: string;
  readonly city: string;
  /** What the community is about ("vélo", "jardinage"): a few short tags. */
  readonly themes?: readonly string[];
}

export interface UpdateProfile extends Partial<ProfileFields> {
  readonly type: 'updateProfile';
}

/** Validated, trimmed profile fields (only those given). [COM3] */
export function validProfile(
  fields: Partial<ProfileFields>,
): Result<Record<string, JsonValue>, DomainError> {
  const out: Record<string, JsonValue> = {};
  const texts = [
    ['name', LIMITS.communityName, true],
    ['description', LIMITS.description, false],
    ['city', LIMITS.city, false],
  ] as const;
  for (const [field, limit, required] of texts) {
    const value = fields[field];
    if (value === undefined) continue;
    const valid = validText(field, value, limit, required);
    if (!valid.ok) return valid;
    out[field] = valid.value;
  }
  if (fields.themes !== undefined) {
    if (fields.themes.length > LIMITS.tags)
      return err(domainError(DomainErrorReason.tooLong, 'themes', LIMITS.tags));
    const themes: string[] = [];
    for (const theme of fields.themes) {
      const valid = validText('themes', theme, LIMITS.tag, true);
      if (!valid.ok) return valid;
      if (!themes.includes(valid.value)) themes.push(valid.value);
    }
    out.themes = themes;
  }
  return ok(out);
}

/** Writes profile fields; each is its own key, so two organizers editing two fields both keep theirs. */
export function writeProfile(doc: CrdtDocument, fields: Record<string, JsonValue>): void {
  const profile = doc.map(CommunityRoot.profile);
  for (const [field, value] of Object.entries(fields)) profile.set(field, value);
}

/** [COM3] Organizers (anyone, in an open community) edit the profile. */
export function applyProfileChange(
  doc: CrdtDocument,
  change: UpdateProfile,
  context: ChangeContext,
): Result<{ readonly type: 'profile' }, DomainError> {
  const actor = actingMember(doc, context, MemberRole.organizer);
  if (!actor.ok) return actor;
  const { type: _type, ...fields } = change;
  const valid = validProfile(fields);
  if (!valid.ok) return valid;
  doc.transact(() => writeProfile(doc, valid.value));
  return ok({ type: 'profile' });
}
