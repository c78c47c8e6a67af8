import { defineMessages } from '../../i18n/featureMessages';

/** Texts of joining a community by scanning its invite QR code. */
export const joinQrMessages = defineMessages(
  {
    open: 'Rejoindre avec un code QR',
    title: 'Scanner une invitation',
    intro:
      'Visez le code QR d’invitation qu’un membre vous montre, ou choisissez une photo ou une capture d’écran de ce code.',
    camera: 'Scanner avec la caméra',
    cameraVideo: 'Image de la caméra',
    cameraStop: 'Arrêter la caméra',
    cameraUnavailable:
      'La caméra n’est pas disponible (refusée ou absente). Choisissez plutôt une photo ou une capture d’écran du code.',
    cameraInsecure:
      'La caméra n’est accessible que sur une page sécurisée (HTTPS). Choisissez plutôt une photo ou une capture d’écran du code.',
    image: 'Choisir une photo du code',
    noQrInImage:
      'Aucun code QR trouvé dans cette image. Essayez une photo plus nette, où le code est entier.',
    opening: 'Invitation lue : ouverture de la communauté…',
    'problem.pairing-code':
      'C’est un code d’appairage entre deux appareils, pas une invitation. Lisez-le depuis « Synchroniser avec un appareil à côté », dans la communauté.',
    'problem.damaged-invite':
      'Ce lien d’invitation est incomplet ou abîmé. Scannez-le à nouveau, ou demandez un nouveau lien.',
    'problem.other-link': 'Ce code QR mène à {host}, pas à une invitation Ensemble.',
    'problem.not-a-link': 'Ce code QR ne contient pas de lien d’invitation Ensemble.',
  },
  {
    open: 'Join with a QR code',
    title: 'Scan an invite',
    intro:
      'Point at the invite QR code a member shows you, or choose a photo or a screenshot of that code.',
    camera: 'Scan with the camera',
    cameraVideo: 'Camera image',
    cameraStop: 'Stop the camera',
    cameraUnavailable:
      'The camera is not available (refused or missing). Choose a photo or a screenshot of the code instead.',
    cameraInsecure:
      'The camera is only available on a secure (HTTPS) page. Choose a photo or a screenshot of the code instead.',
    image: 'Choose a photo of the code',
    noQrInImage: 'No QR code found in this image. Try a sharper photo showing the whole code.',
    opening: 'Invite read: opening the community…',
    'problem.pairing-code':
      'This is a pairing code between two devices, not an invite. Read it from “Sync with a nearby device”, in the community.',
    'problem.damaged-invite':
      'This invite link is incomplete or damaged. Scan it again, or ask for a new link.',
    'problem.other-link': 'This QR code leads to {host}, not to an Ensemble invite.',
    'problem.not-a-link': 'This QR code holds no Ensemble invite link.',
  },
);
