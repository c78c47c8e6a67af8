import type { MessageKey } from './fr';

/** English: typed against the French keys, so a missing translation fails typecheck. */
export const en: Record<MessageKey, string> = {
  'app.name': 'Ensemble',
  'app.skipToContent': 'Skip to content',
  'app.loading': 'Loading…',
  'header.language': 'Language',
  'tabs.label': 'Community sections',
  'tabs.events': 'Events',
  'tabs.items': 'Items',
  'tabs.projects': 'Projects',
  'tabs.discussions': 'Discussions',
  'tabs.members': 'Members',
  'header.settings': 'Settings',
  'header.home': 'Ensemble home',
  'sync.offline': 'Offline',
  'sync.connecting': 'Connecting…',
  'sync.syncing': 'Syncing…',
  'sync.synced': 'Up to date',
  'sync.online': 'Online',
  'sync.unreachable': 'Relay unreachable',
  'sync.tooOld': 'App needs an update',
  'sync.refused': 'Refused by the relay',
  'sync.pending': '· {count} pending',
  'sync.pendingOne': '1 change not sent yet',
  'sync.pendingMany': '{count} changes not sent yet',
  'sync.lastSynced': 'Last synced: {time}',
  'sync.direct': '· {count} direct',
  'sync.directOne': 'and directly with 1 device',
  'sync.directMany': 'and directly with {count} devices',
  'home.title': 'My communities',
  'home.create': 'Create a community',
  'home.empty.title': 'No community on this device yet',
  'home.empty.body':
    'Create your own, or open the share link a member sent you: the community is then saved on this device and stays available without a network.',
  'home.lastOpened': 'Opened on {date}',
  'field.optional': 'optional',
  'community.loadingTitle': 'Loading…',
  'community.loadingRelay': 'Loading from the relay…',
  'community.loadingOffline':
    'You are offline and this community is not on this device yet. It will appear as soon as the relay can be reached.',
  'community.loadingUnreachable':
    'The relay is not answering right now. The community will appear as soon as it can be reached; the app keeps trying.',
  'community.unavailableTitle': 'Community not available yet',
  'community.notOnRelay':
    'The relay does not know this community yet. Check the link, or try again when a member who has it on their device is connected.',
  'community.loadingLocal': 'Opening from this device…',
  'community.upcoming': 'Upcoming events',
  'community.past': 'Past events',
  'community.noUpcoming': 'No upcoming events yet.',
  'community.addEvent': 'Add an event',
  'community.readOnly':
    'This community was saved by a newer version of Ensemble (schema {version}). You can read it but not change it: reload or update the app.',
  'event.in': 'at {place}',
  'event.timeZone': '{timeZone} time',
  'common.cancel': 'Cancel',
  'common.backTo': 'Back to {name}',
  'relay.client-too-old':
    'This version of Ensemble is too old for the relay: reload the page to update it.',
  'relay.refused': 'The relay refuses the connection ({reason}). Your changes stay on this device.',
  'relay.forbidden':
    'This device has no access to this community on the relay. Open the invite link a member sent you.',
  'relay.epoch-mismatch':
    'The relay knows another community under this id (it may have been reset): nothing was mixed, your data stays on this device.',
  'join.title': 'Join a community',
  'join.saving': 'Saving access on this device…',
  'storage.quota-exceeded':
    'Storage full: your latest changes could not be saved on this device. Free some space; nothing already saved is lost.',
  'storage.unavailable':
    'Storage is unavailable on this device (private browsing?): your changes will not be kept after closing.',
  'storage.dismiss': 'Got it',
  'storage.failed': 'Saving on this device failed. Please try again.',
  'insecure.title': 'Insecure address',
  'insecure.body':
    'On this address, offline use, installing the app and device keys are unavailable. Open Ensemble over HTTPS (or on localhost) to enable them. Meanwhile, the app works for this session.',
  'update.available': 'A new version of Ensemble is available.',
  'update.reload': 'Reload',
  'footer.version': 'Version {version}',
  'notFound.title': 'Page not found',
  'notFound.body': 'This link does not match any page of Ensemble.',
  'notFound.home': 'Back to my communities',
};
