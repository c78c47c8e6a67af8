import { defineMessages } from '../../../i18n/featureMessages';

/** Door check-in by QR code: the member's own code and the organizer's scanner. */
export const checkInMessages = defineMessages(
  {
    'code.show': 'Afficher mon code d’entrée',
    'code.hide': 'Masquer mon code d’entrée',
    'code.label': 'Mon code d’entrée pour cet évènement',
    'code.hint':
      'Montrez ce code à l’entrée : l’organisateur·rice le scanne pour vous enregistrer, même sans réseau.',
    'scan.start': 'Scanner le code d’un membre',
    'scan.video': 'Caméra : visez le code d’entrée du membre',
    'scan.stop': 'Arrêter la caméra',
    'scan.unavailable':
      'Pas de caméra disponible (ou accès refusé) : choisissez plutôt une photo du code.',
    'scan.image': 'Choisir une photo du code',
    'scan.noCode': 'Aucun code lisible sur cette image.',
    'scan.done': '{name} est enregistré·e à l’entrée.',
    'scan.already': '{name} était déjà enregistré·e.',
    'scan.notConfirmed': '{name} n’est pas sur la liste des inscrit·es confirmé·es.',
    'scan.not-a-check-in-code': 'Ce n’est pas un code d’entrée Ensemble.',
    'scan.other-community': 'Ce code est celui d’une autre communauté.',
    'scan.other-event': 'Ce code est pour un autre évènement ou une autre date.',
  },
  {
    'code.show': 'Show my entry code',
    'code.hide': 'Hide my entry code',
    'code.label': 'My entry code for this event',
    'code.hint':
      'Show this code at the door: the organizer scans it to check you in, even without a network.',
    'scan.start': 'Scan a member’s code',
    'scan.video': 'Camera: aim at the member’s entry code',
    'scan.stop': 'Stop the camera',
    'scan.unavailable':
      'No camera available (or access refused): choose a photo of the code instead.',
    'scan.image': 'Choose a photo of the code',
    'scan.noCode': 'No readable code in this image.',
    'scan.done': '{name} is checked in.',
    'scan.already': '{name} was already checked in.',
    'scan.notConfirmed': '{name} is not on the list of confirmed attendees.',
    'scan.not-a-check-in-code': 'This is not an Ensemble entry code.',
    'scan.other-community': 'This code belongs to another community.',
    'scan.other-event': 'This code is for another event or another date.',
  },
);
