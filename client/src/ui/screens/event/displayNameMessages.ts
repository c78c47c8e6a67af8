import { defineMessages } from '../../../i18n/featureMessages';

/** How people are named: the name one gives once per device, and how others show up. */
export const displayNameMessages = defineMessages(
  {
    'displayName.title': 'Votre nom',
    'displayName.hint':
      'Affiché avec vos réponses et vos messages. Vous ne le donnez qu’une fois sur cet appareil.',
    'displayName.save': 'Enregistrer',
    'displayName.required': 'Indiquez un nom.',
    'people.you': 'Vous',
    'people.someone': 'Participant·e {tag}',
  },
  {
    'displayName.title': 'Your name',
    'displayName.hint':
      'Shown with your answers and your messages. You only give it once on this device.',
    'displayName.save': 'Save',
    'displayName.required': 'Enter a name.',
    'people.you': 'You',
    'people.someone': 'Attendee {tag}',
  },
);

export type DisplayNameMessageKey = keyof typeof displayNameMessages.fr;
