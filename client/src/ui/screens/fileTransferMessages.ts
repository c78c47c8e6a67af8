import { defineMessages } from '../../i18n/featureMessages';

/** Exchanging a community by file (export, import and their errors). */
export const fileTransferMessages = defineMessages(
  {
    'files.pairLink': 'Synchroniser avec un appareil à côté, sans relais (codes QR)',
    'files.title': 'Échanger par fichier',
    'files.hint':
      'Sans réseau : exportez un fichier et transmettez-le (clé USB, AirDrop, messagerie). Il ne donne pas accès au relais.',
    'files.export': 'Exporter (fichier)',
    'files.withBlobs': 'Inclure les photos et fichiers ({size})',
    'files.importFailed':
      'L’import n’a pas pu être enregistré sur cet appareil (appareil plein ?). Réessayez après avoir libéré de la place.',
    'files.exporting': 'Préparation du fichier…',
    'files.exported': 'Fichier prêt : {name}',
    'files.exportFailed': 'L’export a échoué. Réessayez.',
    'files.import': 'Importer un fichier',
    'files.importHome': 'Ouvrir une communauté depuis un fichier',
    'files.importing': 'Import en cours…',
    'files.imported': 'Importé : {count} changements',
    'files.importedOne': 'Importé : 1 changement',
    'files.nothingNew': 'Rien de nouveau dans ce fichier',
    'files.openImported': 'Ouvrir la communauté',
    'files.readFailed': 'Impossible de lire ce fichier.',
    'files.error.not-a-bundle': 'Ce fichier n’est pas un export Ensemble. Rien n’a été importé.',
    'files.error.truncated':
      'Ce fichier est incomplet (transfert interrompu ?). Rien n’a été importé : demandez-le à nouveau.',
    'files.error.corrupted':
      'Ce fichier est endommagé. Rien n’a été importé : demandez-le à nouveau.',
    'files.error.newer-format':
      'Ce fichier vient d’une version plus récente d’Ensemble : mettez l’application à jour pour l’importer.',
    'files.error.wrong-community':
      'Ce fichier est celui d’une autre communauté : rien n’a été importé ici. Pour l’ouvrir, importez-le depuis l’accueil.',
    'files.error.too-large':
      'Ce fichier dépasse la taille maximale ({limit} Mo). Rien n’a été importé.',
    'files.error.epoch-mismatch':
      'Ce fichier contient une autre communauté sous le même identifiant (recréée ailleurs ?) : rien n’a été mélangé.',
  },
  {
    'files.pairLink': 'Sync with a device nearby, without a relay (QR codes)',
    'files.title': 'Exchange by file',
    'files.hint':
      'No network? Export a file and hand it over (USB stick, AirDrop, messaging app). It gives no access to the relay.',
    'files.export': 'Export (file)',
    'files.withBlobs': 'Include photos and files ({size})',
    'files.importFailed':
      'The import could not be saved on this device (device full?). Free some space and try again.',
    'files.exporting': 'Preparing the file…',
    'files.exported': 'File ready: {name}',
    'files.exportFailed': 'The export failed. Try again.',
    'files.import': 'Import a file',
    'files.importHome': 'Open a community from a file',
    'files.importing': 'Importing…',
    'files.imported': 'Imported: {count} changes',
    'files.importedOne': 'Imported: 1 change',
    'files.nothingNew': 'Nothing new in this file',
    'files.openImported': 'Open the community',
    'files.readFailed': 'This file could not be read.',
    'files.error.not-a-bundle': 'This file is not an Ensemble export. Nothing was imported.',
    'files.error.truncated':
      'This file is incomplete (interrupted transfer?). Nothing was imported: ask for it again.',
    'files.error.corrupted': 'This file is damaged. Nothing was imported: ask for it again.',
    'files.error.newer-format':
      'This file comes from a newer version of Ensemble: update the app to import it.',
    'files.error.wrong-community':
      'This file belongs to another community: nothing was imported here. To open it, import it from the home screen.',
    'files.error.too-large':
      'This file exceeds the maximum size ({limit} MB). Nothing was imported.',
    'files.error.epoch-mismatch':
      'This file holds another community under the same id (re-created elsewhere?): nothing was mixed.',
  },
);

export type FileTransferMessageKey = keyof typeof fileTransferMessages.fr;
