import { defineMessages } from '../../../i18n/featureMessages';

/** Photos and files attached to items and comments. */
export const attachmentMessages = defineMessages(
  {
    title: 'Photos et fichiers',
    add: 'Ajouter une photo ou un fichier',
    addShort: 'Joindre une photo ou un fichier',
    adding: 'Ajout en cours…',
    photoAlt: 'Photo : {name}',
    download: 'Ouvrir {name}',
    remove: 'Retirer',
    removeLabel: 'Retirer {name}',
    loading: 'Chargement…',
    missingPhoto: 'Photo pas encore arrivée sur cet appareil',
    missingFile: 'Fichier pas encore arrivé sur cet appareil',
    damaged:
      'Fichier endommagé : son contenu ne correspond pas à son empreinte, il n’est pas affiché.',
    waiting: 'Pas encore envoyé : partira dès que le relais sera joignable.',
    'error.too-large':
      'Ce fichier est trop volumineux : 8 Mo au plus pour un document, 40 Mo pour une photo.',
    'error.unsupported-type':
      'Ce type de fichier n’est pas accepté. Ajoutez une photo (JPEG, PNG, WebP, GIF, AVIF) ou un document (PDF, texte, OpenDocument, Word, Excel, PowerPoint).',
    'error.unreadable-image': 'Cette image est illisible : le fichier est sans doute endommagé.',
    'error.device-full':
      'Plus de place sur cet appareil : le fichier n’a pas été ajouté. Rien de ce qui était déjà enregistré n’est perdu. Libérez de l’espace puis réessayez.',
    'error.storage-failed': 'Cet appareil n’a pas pu enregistrer le fichier. Réessayez.',
    'error.refused': 'Impossible d’ajouter ce fichier ici (12 pièces jointes au plus).',
    'relay.too-large': 'Le relais a refusé ce fichier : il dépasse la taille qu’il accepte.',
    'relay.quota-exceeded':
      'Le relais a refusé ce fichier : l’espace de la communauté sur ce relais est plein.',
    'relay.other': 'Le relais a refusé ce fichier.',
  },
  {
    title: 'Photos and files',
    add: 'Add a photo or a file',
    addShort: 'Attach a photo or a file',
    adding: 'Adding…',
    photoAlt: 'Photo: {name}',
    download: 'Open {name}',
    remove: 'Remove',
    removeLabel: 'Remove {name}',
    loading: 'Loading…',
    missingPhoto: 'This photo has not reached this device yet',
    missingFile: 'This file has not reached this device yet',
    damaged: 'Damaged file: its content does not match its fingerprint, so it is not shown.',
    waiting: 'Not sent yet: it will go as soon as the relay can be reached.',
    'error.too-large': 'This file is too large: 8 MB at most for a document, 40 MB for a photo.',
    'error.unsupported-type':
      'This type of file is not accepted. Add a photo (JPEG, PNG, WebP, GIF, AVIF) or a document (PDF, text, OpenDocument, Word, Excel, PowerPoint).',
    'error.unreadable-image': 'This image cannot be read: the file is probably damaged.',
    'error.device-full':
      'This device is full: the file was not added. Nothing already stored is lost. Free some space and try again.',
    'error.storage-failed': 'This device could not store the file. Try again.',
    'error.refused': 'This file cannot be added here (12 attachments at most).',
    'relay.too-large': 'The relay refused this file: it is over the size it accepts.',
    'relay.quota-exceeded':
      'The relay refused this file: the community’s space on this relay is full.',
    'relay.other': 'The relay refused this file.',
  },
);
