import { defineMessages } from '../i18n/featureMessages';

export const installMessages = defineMessages(
  {
    title: 'Installer Ensemble',
    body: 'Sur l’écran d’accueil, l’application s’ouvre d’un geste et marche sans réseau.',
    install: 'Installer',
    ios: 'Dans Safari, touchez Partager puis « Sur l’écran d’accueil » (Ajouter à l’écran d’accueil).',
    dismiss: 'Plus tard',
    dismissLabel: 'Ne plus proposer l’installation',
  },
  {
    title: 'Install Ensemble',
    body: 'On your home screen, the app opens in one tap and works without a network.',
    install: 'Install',
    ios: 'In Safari, tap Share, then “Add to Home Screen”.',
    dismiss: 'Not now',
    dismissLabel: 'Stop suggesting installation',
  },
);
