import { defineMessages } from '../../../i18n/featureMessages';

/** The first-run welcome on the home: choosing the name others will see. */
export const welcomeMessages = defineMessages(
  {
    'welcome.title': 'Bienvenue sur Ensemble',
    'welcome.body':
      'Choisissez d’abord le nom que les autres membres verront à côté de vos réponses et de vos messages. Vous pourrez le changer dans les réglages.',
    'welcome.keys':
      'Cet appareil a créé sa propre clé : c’est elle, et non une adresse e-mail, qui vous identifie dans vos communautés. Elle ne quitte jamais l’appareil.',
    'welcome.noKeys':
      'Cette page n’est pas servie en HTTPS : l’appareil ne peut pas créer de clé, et vous ne pourrez pas devenir membre d’une communauté depuis cette adresse.',
  },
  {
    'welcome.title': 'Welcome to Ensemble',
    'welcome.body':
      'First choose the name other members will see next to your answers and messages. You can change it in the settings.',
    'welcome.keys':
      'This device created its own key: it, not an e-mail address, identifies you in your communities. It never leaves the device.',
    'welcome.noKeys':
      'This page is not served over HTTPS: the device cannot create a key, and you cannot become a member of a community from this address.',
  },
);
