import { defineMessages } from '../../../i18n/featureMessages';

/** Listing a community in its relay's public directory. */
export const directoryMessages = defineMessages(
  {
    title: 'Annuaire public',
    intro:
      'Rendez la communauté trouvable par thème et par ville sur l’annuaire de son relais. Seul ce qui est montré ci-dessous devient public.',
    listed: 'Lister cette communauté dans l’annuaire',
    themes: 'Thèmes (séparés par des virgules)',
    joinLegend: 'Pour nous rejoindre',
    joinOpen: 'Communauté ouverte : un lien d’invitation public',
    joinSponsorship: 'Sur parrainage : un membre fait entrer chaque nouvelle personne',
    contact: 'Comment demander un parrainage (contact public)',
    events: 'Événements à venir à rendre publics',
    noEvents: 'Aucun événement à venir.',
    preview: 'Ce que tout le monde verra',
    previewNone: 'Rien : la communauté n’est pas listée.',
    previewEvents: '{count} événement(s) public(s)',
    save: 'Enregistrer et publier',
    saving: 'Publication…',
    published: 'Publiée dans l’annuaire du relais.',
    withdrawn: 'La communauté n’apparaît plus dans l’annuaire.',
    offline:
      'Enregistré sur cet appareil, mais le relais n’a pas pu être joint : réessayez une fois en ligne.',
    refused: 'Le relais a refusé la publication.',
    contactRequired: 'Indiquez comment demander un parrainage.',
    openDirectory: 'Voir l’annuaire',
  },
  {
    title: 'Public directory',
    intro:
      'Let people find the community by theme and city in its relay’s directory. Only what is shown below becomes public.',
    listed: 'List this community in the directory',
    themes: 'Themes (separated by commas)',
    joinLegend: 'To join us',
    joinOpen: 'Open community: a public invite link',
    joinSponsorship: 'By sponsorship: a member lets each newcomer in',
    contact: 'How to ask for a sponsor (public contact)',
    events: 'Upcoming events to make public',
    noEvents: 'No upcoming event.',
    preview: 'What everyone will see',
    previewNone: 'Nothing: the community is not listed.',
    previewEvents: '{count} public event(s)',
    save: 'Save and publish',
    saving: 'Publishing…',
    published: 'Published in the relay’s directory.',
    withdrawn: 'The community no longer appears in the directory.',
    offline: 'Saved on this device, but the relay could not be reached: try again once online.',
    refused: 'The relay refused the listing.',
    contactRequired: 'Say how to ask for a sponsor.',
    openDirectory: 'See the directory',
  },
);
