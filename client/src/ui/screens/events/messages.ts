import { defineMessages } from '../../../i18n/featureMessages';

/** Texts of the events tab's lists (the tab is in the first load: keep them few). */
export const eventsMessages = defineMessages(
  {
    'more.upcoming': 'Afficher plus d’évènements à venir (encore {count})',
    'more.past': 'Afficher plus d’évènements passés (encore {count})',
  },
  {
    'more.upcoming': 'Show more upcoming events ({count} more)',
    'more.past': 'Show more past events ({count} more)',
  },
);
