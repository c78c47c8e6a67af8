import type { CommunityId } from '@ensemble/shared';
import { useEffect, useState } from 'react';
import type { ActivityService } from '../../../app/activity/ActivityService';
import { activityDigest, isQuiet } from '../../../app/activity/activityRow';
import { useStore } from '../../../app/hooks';
import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import type { ActivityRows } from '../../../storage/ActivityStore';
import type { ReadableStore } from '../../../util/ValueStore';
import { activityText } from './formatActivity';
import { homeMessages } from './messages';
import './home.css';

const noRows: ReadableStore<ActivityRows | undefined> = {
  get: () => undefined,
  subscribe: () => () => undefined,
};

/**
 * The summary rows, once their code is loaded (nothing is shown until then, or if it
 * cannot load); while shown, the communities are refreshed in the background.
 */
function useActivityRows(): ActivityRows | undefined {
  const { activity } = useServices();
  const [service, setService] = useState<ActivityService>();
  useEffect(() => {
    let live = true;
    let leave: (() => void) | undefined;
    activity().then(
      (loaded) => {
        if (!live) return;
        setService(loaded);
        leave = loaded.showingSummary();
      },
      () => undefined, // the home works without summaries (e.g. offline before it was cached)
    );
    return () => {
      live = false;
      leave?.();
    };
  }, [activity]);
  return useStore(service?.rows ?? noRows);
}

/**
 * A community card's line saying what others did since this device last looked: inside
 * the card's link, so it is part of the link's accessible name.
 */
export function ActivityLine(props: { id: CommunityId }) {
  const t = useMessages(homeMessages);
  const row = useActivityRows()?.get(props.id);
  if (!row) return null;
  const digest = activityDigest(row);
  const quiet = isQuiet(digest);
  return (
    <span
      className={quiet ? 'activity' : 'activity activity-new'}
      data-testid="community-activity"
      data-new={quiet ? 'false' : 'true'}
    >
      {quiet ? null : <span className="visually-hidden">{t('activity.since')} </span>}
      {activityText(digest, t)}
    </span>
  );
}
