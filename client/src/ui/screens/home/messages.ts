import { defineMessages } from '../../../i18n/featureMessages';

/** The home's activity summaries ("what changed since I last looked"), in French and English. */
export const homeMessages = defineMessages(
  {
    'activity.none': 'Rien de nouveau depuis votre dernière visite',
    'activity.events.one': '1 nouvel évènement',
    'activity.events.other': '{count} nouveaux évènements',
    'activity.items.one': '1 annonce',
    'activity.items.other': '{count} annonces',
    'activity.threads.one': '1 nouvelle discussion',
    'activity.threads.other': '{count} nouvelles discussions',
    'activity.messages.one': '1 message',
    'activity.messages.other': '{count} messages',
    'activity.members.one': '1 nouveau membre',
    'activity.members.other': '{count} nouveaux membres',
    'activity.projects.one': '1 nouveau projet',
    'activity.projects.other': '{count} nouveaux projets',
    'activity.changed': '« {title} » a changé',
    'activity.cancelled': '« {title} » est annulé',
    'activity.since': 'Depuis votre dernière visite :',
  },
  {
    'activity.none': 'Nothing new since your last visit',
    'activity.events.one': '1 new event',
    'activity.events.other': '{count} new events',
    'activity.items.one': '1 listing',
    'activity.items.other': '{count} listings',
    'activity.threads.one': '1 new discussion',
    'activity.threads.other': '{count} new discussions',
    'activity.messages.one': '1 message',
    'activity.messages.other': '{count} messages',
    'activity.members.one': '1 new member',
    'activity.members.other': '{count} new members',
    'activity.projects.one': '1 new project',
    'activity.projects.other': '{count} new projects',
    'activity.changed': '“{title}” changed',
    'activity.cancelled': '“{title}” was cancelled',
    'activity.since': 'Since your last visit:',
  },
);

export type HomeMessageKey = keyof typeof homeMessages.fr;
