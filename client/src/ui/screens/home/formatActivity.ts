import type { ActivityDigest } from '../../../app/activity/activityRow';
import { isQuiet } from '../../../app/activity/activityRow';
import type { FeatureTranslate } from '../../../i18n/featureMessages';
import type { HomeMessageKey } from './messages';

type Counted = 'events' | 'items' | 'threads' | 'messages' | 'members' | 'projects';

/** In the order people care about: what is coming, what is offered, what is said, who came. */
const ORDER: readonly Counted[] = ['events', 'items', 'threads', 'messages', 'members', 'projects'];

/**
 * The parts of a community's summary on the home: "2 nouveaux évènements", "1 annonce",
 * "« Apéro » est annulé"… (empty when nothing is new).
 */
export function activityParts(
  digest: ActivityDigest,
  t: FeatureTranslate<HomeMessageKey>,
): string[] {
  const parts: string[] = [];
  for (const key of ORDER) {
    const count = digest[key];
    if (count === 0) continue;
    parts.push(count === 1 ? t(`activity.${key}.one`) : t(`activity.${key}.other`, { count }));
  }
  for (const event of digest.changed) {
    parts.push(
      t(event.cancelled ? 'activity.cancelled' : 'activity.changed', { title: event.title }),
    );
  }
  return parts;
}

/** The summary as one line: the parts separated by " · ", or "nothing new since your last visit". */
export function activityText(digest: ActivityDigest, t: FeatureTranslate<HomeMessageKey>): string {
  return isQuiet(digest) ? t('activity.none') : activityParts(digest, t).join(' · ');
}
