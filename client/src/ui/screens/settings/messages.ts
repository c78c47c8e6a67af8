import { defineMessages } from '../../../i18n/featureMessages';

export const settingsMessages = defineMessages(
  {
    title: 'Réglages',
    intro: 'Ces réglages ne concernent que cet appareil.',
    saved: 'Enregistré.',
    saveFailed: 'L’enregistrement sur cet appareil a échoué. Réessayez.',
    // Language
    'language.title': 'Langue',
    'language.label': 'Langue de l’application',
    'language.hint': 'Par défaut, celle de votre navigateur ; le français sinon.',
    'language.browser': 'Comme le navigateur ({language})',
    // Display name
    'name.title': 'Votre nom',
    'name.label': 'Nom affiché',
    'name.hint': 'Montré avec vos réponses et vos messages. Vous le voyez comme « Vous ».',
    'name.save': 'Enregistrer le nom',
    'name.required': 'Indiquez un nom.',
    // Relay
    'relay.title': 'Serveur de synchronisation',
    'relay.body':
      'Par défaut, l’application se synchronise avec le relais qui l’a servie. Si votre groupe héberge son propre relais, indiquez son adresse.',
    'relay.current': 'Relais utilisé : {url}',
    'relay.customTag': '(choisi ici)',
    'relay.defaultTag': '(par défaut)',
    'relay.label': 'Adresse du relais',
    'relay.hint':
      'Commence par wss:// (chiffré) ou ws://, par exemple wss://relais.example.org/sync.',
    'relay.save': 'Utiliser ce relais',
    'relay.reset': 'Revenir au relais par défaut',
    'relay.applies':
      'Le nouveau relais sert aux connexions ouvertes à partir de maintenant. Les communautés déjà ouvertes restent sur l’ancien jusqu’au rechargement.',
    'relay.reload': 'Recharger maintenant',
    'relay.error.empty': 'Indiquez l’adresse du relais.',
    'relay.error.invalid': 'Cette adresse n’est pas valide.',
    'relay.error.scheme': 'L’adresse doit commencer par wss:// ou ws://.',
    'relay.error.mixed-content':
      'Cette page est ouverte en https : le navigateur refuse une connexion ws:// non chiffrée. Utilisez wss://.',
    'relay.error.secret-in-url':
      'L’adresse ne doit contenir ni identifiants ni « # » : les accès passent par les liens d’invitation.',
    // Storage
    'storage.title': 'Stockage sur cet appareil',
    'storage.usage': '{used} utilisés sur {quota} disponibles pour l’application.',
    'storage.usageOnly': '{used} utilisés.',
    'storage.unknown': 'Ce navigateur n’indique pas l’espace utilisé.',
    'storage.persisted':
      'Stockage durable : oui. Le navigateur ne supprimera pas vos données pour faire de la place.',
    'storage.notPersisted':
      'Stockage durable : non. Si l’appareil manque de place, le navigateur peut effacer les données de l’application, y compris les modifications pas encore synchronisées.',
    'storage.persistUnknown': 'Ce navigateur ne dit pas si le stockage est durable.',
    'storage.persist': 'Demander un stockage durable',
    'storage.persistGranted': 'Le navigateur garde désormais vos données.',
    'storage.persistRefused':
      'Le navigateur a refusé pour l’instant. Installer l’application ou l’utiliser régulièrement l’y aide souvent.',
    'storage.refresh': 'Actualiser',
    // Install
    'install.title': 'Installer l’application',
    'install.body':
      'Installée, l’application s’ouvre depuis l’écran d’accueil et fonctionne sans réseau.',
    'install.button': 'Installer Ensemble',
    'install.done': 'Application installée.',
    'install.ios':
      'Sur iPhone ou iPad : touchez le bouton Partager de Safari, puis « Sur l’écran d’accueil » (Ajouter à l’écran d’accueil).',
    'install.none': 'Déjà installée, ou ce navigateur ne propose pas l’installation.',
    // Export
    'export.title': 'Exporter mes communautés',
    'export.body':
      'Une copie lisible de toutes les communautés de cet appareil : un fichier JSON (profils, membres, évènements, objets, discussions, projets) et un agenda .ics de tous les évènements. Les liens d’invitation n’y figurent pas.',
    'export.json': 'Exporter en JSON',
    'export.ics': 'Exporter l’agenda (.ics)',
    'export.working': 'Préparation de l’export…',
    'export.done.one': '1 communauté exportée.',
    'export.done.other': '{count} communautés exportées.',
    'export.none': 'Aucune communauté sur cet appareil à exporter.',
    'export.noEvents': 'Aucun évènement à exporter.',
    'export.missing.one': '1 communauté pas encore reçue sur cet appareil n’est pas incluse.',
    'export.missing.other':
      '{count} communautés pas encore reçues sur cet appareil ne sont pas incluses.',
    'export.calendarName': 'Mes communautés Ensemble',
    'export.failed': 'L’export a échoué. Réessayez.',
  },
  {
    title: 'Settings',
    intro: 'These settings apply to this device only.',
    saved: 'Saved.',
    saveFailed: 'Saving on this device failed. Please try again.',
    'language.title': 'Language',
    'language.label': 'App language',
    'language.hint': 'By default, your browser’s language; French otherwise.',
    'language.browser': 'Same as the browser ({language})',
    'name.title': 'Your name',
    'name.label': 'Display name',
    'name.hint': 'Shown with your answers and messages. You see it as “You”.',
    'name.save': 'Save name',
    'name.required': 'Enter a name.',
    'relay.title': 'Sync server',
    'relay.body':
      'By default the app syncs with the relay that served it. If your group hosts its own relay, enter its address.',
    'relay.current': 'Relay in use: {url}',
    'relay.customTag': '(chosen here)',
    'relay.defaultTag': '(default)',
    'relay.label': 'Relay address',
    'relay.hint':
      'Starts with wss:// (encrypted) or ws://, for example wss://relay.example.org/sync.',
    'relay.save': 'Use this relay',
    'relay.reset': 'Back to the default relay',
    'relay.applies':
      'The new relay is used by connections opened from now on. Communities already open stay on the previous one until you reload.',
    'relay.reload': 'Reload now',
    'relay.error.empty': 'Enter the relay’s address.',
    'relay.error.invalid': 'This address is not valid.',
    'relay.error.scheme': 'The address must start with wss:// or ws://.',
    'relay.error.mixed-content':
      'This page is served over https: the browser blocks an unencrypted ws:// connection. Use wss://.',
    'relay.error.secret-in-url':
      'The address must not contain credentials or “#”: access travels in invite links.',
    'storage.title': 'Storage on this device',
    'storage.usage': '{used} used of {quota} available to the app.',
    'storage.usageOnly': '{used} used.',
    'storage.unknown': 'This browser does not tell how much space is used.',
    'storage.persisted':
      'Persistent storage: yes. The browser will not delete your data to free space.',
    'storage.notPersisted':
      'Persistent storage: no. If the device runs out of space, the browser may erase the app’s data, including changes not synced yet.',
    'storage.persistUnknown': 'This browser does not tell whether storage is persistent.',
    'storage.persist': 'Ask for persistent storage',
    'storage.persistGranted': 'The browser now keeps your data.',
    'storage.persistRefused':
      'The browser said no for now. Installing the app or using it regularly often helps.',
    'storage.refresh': 'Refresh',
    'install.title': 'Install the app',
    'install.body':
      'Once installed, the app opens from the home screen and works without a network.',
    'install.button': 'Install Ensemble',
    'install.done': 'App installed.',
    'install.ios': 'On iPhone or iPad: tap Safari’s Share button, then “Add to Home Screen”.',
    'install.none': 'Already installed, or this browser does not offer installation.',
    'export.title': 'Export my communities',
    'export.body':
      'A readable copy of every community on this device: a JSON file (profiles, members, events, items, discussions, projects) and an .ics calendar of all events. Invite links are not included.',
    'export.json': 'Export as JSON',
    'export.ics': 'Export the calendar (.ics)',
    'export.working': 'Preparing the export…',
    'export.done.one': '1 community exported.',
    'export.done.other': '{count} communities exported.',
    'export.none': 'No community on this device to export.',
    'export.noEvents': 'No event to export.',
    'export.missing.one': '1 community not received on this device yet is not included.',
    'export.missing.other': '{count} communities not received on this device yet are not included.',
    'export.calendarName': 'My Ensemble communities',
    'export.failed': 'The export failed. Please try again.',
  },
);

export type SettingsKey = keyof typeof settingsMessages.fr;
