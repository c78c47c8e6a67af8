import { defineMessages } from '../../../i18n/featureMessages';

/** Who is here now, on a community's page. */
export const presenceMessages = defineMessages(
  {
    title: 'Ici en ce moment',
    count: '{count} en ligne',
    you: '{name} (vous)',
    youAnonymous: 'Vous',
    anonymous: 'Sans nom',
    alone: 'Personne d’autre pour l’instant.',
  },
  {
    title: 'Here now',
    count: '{count} online',
    you: '{name} (you)',
    youAnonymous: 'You',
    anonymous: 'No name',
    alone: 'Nobody else right now.',
  },
);
