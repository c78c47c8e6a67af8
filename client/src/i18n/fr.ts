/** French, the default language and the source of every key (en.ts must have them all). */
export const fr = {
  'app.name': 'Ensemble',
  'app.skipToContent': 'Aller au contenu',
  'app.loading': 'Chargement…',
  'app.partFailed': 'Cette partie de l’appli n’a pas pu se charger. Vos données sont intactes.',
  'app.retry': 'Réessayer',
  'header.language': 'Langue',
  'tabs.label': 'Rubriques de la communauté',
  'tabs.events': 'Évènements',
  'tabs.items': 'Objets',
  'tabs.projects': 'Projets',
  'tabs.discussions': 'Discussions',
  'tabs.members': 'Membres',
  'header.settings': 'Réglages',
  'header.home': 'Accueil Ensemble',
  'sync.offline': 'Hors ligne',
  'sync.connecting': 'Connexion…',
  'sync.syncing': 'Synchronisation…',
  'sync.synced': 'À jour',
  'sync.online': 'En ligne',
  'sync.unreachable': 'Relais injoignable',
  'sync.tooOld': 'Appli à mettre à jour',
  'sync.refused': 'Accès refusé par le relais',
  'sync.pending': '· {count} en attente',
  'sync.pendingOne': '1 modification pas encore envoyée',
  'sync.pendingMany': '{count} modifications pas encore envoyées',
  'sync.lastSynced': 'Dernière synchro : {time}',
  'sync.direct': '· {count} en direct',
  'sync.directOne': 'et en direct avec 1 appareil',
  'sync.directMany': 'et en direct avec {count} appareils',
  'home.title': 'Mes communautés',
  'home.create': 'Créer une communauté',
  'home.empty.title': 'Aucune communauté sur cet appareil pour l’instant',
  'home.empty.body':
    'Créez la vôtre, ou ouvrez le lien de partage qu’un membre vous a envoyé : la communauté s’enregistre alors sur cet appareil et reste consultable sans réseau.',
  'home.lastOpened': 'Ouverte le {date}',
  'field.optional': 'facultatif',
  'community.loadingTitle': 'Chargement…',
  'community.loadingRelay': 'Chargement depuis le relais…',
  'community.loadingOffline':
    'Vous êtes hors ligne et cette communauté n’est pas encore sur cet appareil. Elle s’affichera dès que le relais sera joignable.',
  'community.loadingUnreachable':
    'Le relais ne répond pas pour l’instant. La communauté s’affichera dès qu’il sera joignable ; l’appli réessaie toute seule.',
  'community.unavailableTitle': 'Communauté pas encore disponible',
  'community.notOnRelay':
    'Le relais ne connaît pas encore cette communauté. Vérifiez le lien, ou réessayez quand un membre qui l’a sur son appareil sera connecté.',
  'community.loadingLocal': 'Ouverture depuis cet appareil…',
  'community.upcoming': 'Évènements à venir',
  'community.past': 'Évènements passés',
  'community.noUpcoming': 'Aucun évènement à venir pour l’instant.',
  'community.addEvent': 'Ajouter un évènement',
  'community.readOnly':
    'Cette communauté a été enregistrée par une version plus récente d’Ensemble (schéma {version}). Vous pouvez la consulter mais pas la modifier : rechargez ou mettez à jour l’application.',
  'event.in': 'à {place}',
  'event.timeZone': 'heure de {timeZone}',
  'common.cancel': 'Annuler',
  'common.backTo': 'Retour à {name}',
  'relay.client-too-old':
    'Cette version d’Ensemble est trop ancienne pour le relais : rechargez la page pour la mettre à jour.',
  'relay.refused':
    'Le relais refuse la connexion ({reason}). Vos modifications restent sur cet appareil.',
  'relay.forbidden':
    'Cet appareil n’a pas accès à cette communauté sur le relais. Ouvrez le lien d’invitation qu’un membre vous a envoyé.',
  'relay.epoch-mismatch':
    'Le relais connaît une autre communauté sous cet identifiant (il a peut-être été réinitialisé) : rien n’a été mélangé, vos données restent sur cet appareil.',
  'join.title': 'Rejoindre une communauté',
  'join.saving': 'Enregistrement de l’accès sur cet appareil…',
  'storage.quota-exceeded':
    'Stockage plein : vos dernières modifications n’ont pas pu être enregistrées sur cet appareil. Libérez de l’espace ; rien de ce qui était déjà enregistré n’est perdu.',
  'storage.unavailable':
    'Le stockage de cet appareil est indisponible (navigation privée ?) : vos modifications ne seront pas conservées après la fermeture.',
  'storage.dismiss': 'J’ai compris',
  'storage.failed': 'L’enregistrement sur cet appareil a échoué. Réessayez.',
  'insecure.title': 'Adresse non sécurisée',
  'insecure.body':
    'Sur cette adresse, l’usage hors ligne, l’installation de l’application et les clés de l’appareil ne sont pas disponibles. Ouvrez Ensemble en HTTPS (ou sur localhost) pour les activer. En attendant, l’application fonctionne pour cette session.',
  'update.available': 'Une nouvelle version d’Ensemble est disponible.',
  'update.reload': 'Recharger',
  'footer.version': 'Version {version}',
  'notFound.title': 'Page introuvable',
  'notFound.body': 'Ce lien ne correspond à aucune page d’Ensemble.',
  'notFound.home': 'Retour à mes communautés',
} as const;

export type MessageKey = keyof typeof fr;
