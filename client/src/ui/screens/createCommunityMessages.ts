import { defineMessages } from '../../i18n/featureMessages';

/** The form that creates a community, in French and English. */
export const createCommunityMessages = defineMessages(
  {
    'field.name': 'Nom',
    'field.description': 'Description',
    'field.city': 'Ville',
    'create.title': 'Créer une communauté',
    'create.intro':
      'La communauté est créée sur cet appareil, puis partagée avec le relais dès qu’il est joignable.',
    'create.submit': 'Créer la communauté',
  },
  {
    'field.name': 'Name',
    'field.description': 'Description',
    'field.city': 'City',
    'create.title': 'Create a community',
    'create.intro':
      'The community is created on this device, then shared with the relay as soon as it can be reached.',
    'create.submit': 'Create the community',
  },
);

export type CreateCommunityMessageKey = keyof typeof createCommunityMessages.fr;
