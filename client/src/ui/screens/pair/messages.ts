import { defineMessages } from '../../../i18n/featureMessages';

export const pairMessages = defineMessages(
  {
    title: 'Synchroniser avec un appareil à côté',
    intro:
      'Sans relais ni Internet : deux appareils sur le même Wi-Fi ou partage de connexion se synchronisent directement. L’un montre un code, l’autre le lit et répond par un code, que le premier lit à son tour.',
    back: 'Retour à la communauté',
    showCode: 'Montrer un code',
    readCode: 'Lire le code d’un autre appareil',
    preparing: 'Préparation du code…',
    offerTitle: '1. Faites lire ce code par l’autre appareil',
    answerTitle: '2. Faites lire ce code de réponse au premier appareil',
    readAnswerTitle: '2. Lisez le code de réponse de l’autre appareil',
    readOfferTitle: '1. Lisez le code du premier appareil',
    part: 'Code {index} sur {count}',
    qrLabel: 'Code QR {index} sur {count}',
    severalCodes: 'Le code tient en {count} images : lisez-les toutes, dans n’importe quel ordre.',
    textFallback: 'Ou copiez ce texte et collez-le sur l’autre appareil',
    copy: 'Copier le texte',
    copied: 'Texte copié',
    camera: 'Lire avec la caméra',
    cameraVideo: 'Image de la caméra',
    cameraStop: 'Arrêter la caméra',
    cameraUnavailable:
      'La caméra n’est pas disponible. Choisissez une photo du code, ou collez le texte.',
    image: 'Choisir une photo ou une capture du code',
    noQrInImage: 'Aucun code QR trouvé dans cette image.',
    progress: 'Codes lus : {read} sur {total}',
    pasteLabel: 'Coller le texte du code',
    pasteSubmit: 'Valider le texte',
    waitingConnection:
      'Code lu. Connexion à l’autre appareil… (les deux doivent être sur le même réseau)',
    waitingOther: 'Quand l’autre appareil aura lu ce code, la connexion s’établira.',
    connected: 'Connecté : les deux appareils se synchronisent directement.',
    failed:
      'Les appareils n’ont pas pu se joindre. Vérifiez qu’ils sont sur le même réseau, puis recommencez.',
    restart: 'Recommencer',
    unsupported: 'Ce navigateur ne permet pas la connexion directe entre appareils (WebRTC).',
    'error.not-a-code': 'Ce n’est pas un code d’appairage Ensemble.',
    'error.damaged': 'Ce code est incomplet ou abîmé. Lisez-le à nouveau.',
    'error.missing-parts': 'Il manque des morceaux (codes lus : {read} sur {total}).',
    'error.mixed-codes': 'Ces morceaux viennent de deux codes différents. Recommencez la lecture.',
    'error.newer-version':
      'Ce code vient d’une version plus récente de l’application. Mettez-la à jour sur cet appareil.',
    'error.wrong-community':
      'Ce code est celui d’une autre communauté. Ouvrez la même communauté sur les deux appareils.',
    'error.other-document':
      'Ce code vient d’une autre copie de cette communauté, qui ne peut pas être fusionnée avec celle-ci.',
    'error.unexpected-offer':
      'C’est un code de départ : lisez le code de réponse de l’autre appareil.',
    'error.unexpected-answer':
      'C’est un code de réponse : lisez le code de départ de l’autre appareil.',
    'error.other-pairing':
      'Ce code répond à un autre code que celui affiché ici. Faites relire le code affiché.',
    statusTitle: 'État de la synchronisation',
    relay: 'Relais',
    relayConnected: 'connecté',
    relayConnecting: 'connexion…',
    relayUnreachable: 'injoignable',
    relayNone: 'pas d’accès (invitation nécessaire)',
    peers: 'Appareils en direct',
    lastImport: 'Dernier import de fichier',
    never: 'aucun',
  },
  {
    title: 'Sync with a device nearby',
    intro:
      'No relay or Internet needed: two devices on the same Wi-Fi or hotspot sync directly. One shows a code, the other reads it and answers with a code, which the first one reads in turn.',
    back: 'Back to the community',
    showCode: 'Show a code',
    readCode: 'Read another device’s code',
    preparing: 'Preparing the code…',
    offerTitle: '1. Let the other device read this code',
    answerTitle: '2. Let the first device read this answer code',
    readAnswerTitle: '2. Read the other device’s answer code',
    readOfferTitle: '1. Read the first device’s code',
    part: 'Code {index} of {count}',
    qrLabel: 'QR code {index} of {count}',
    severalCodes: 'The code takes {count} images: read them all, in any order.',
    textFallback: 'Or copy this text and paste it on the other device',
    copy: 'Copy the text',
    copied: 'Text copied',
    camera: 'Read with the camera',
    cameraVideo: 'Camera view',
    cameraStop: 'Stop the camera',
    cameraUnavailable: 'The camera is not available. Pick a photo of the code, or paste the text.',
    image: 'Pick a photo or screenshot of the code',
    noQrInImage: 'No QR code found in this image.',
    progress: 'Codes read: {read} of {total}',
    pasteLabel: 'Paste the code’s text',
    pasteSubmit: 'Use this text',
    waitingConnection:
      'Code read. Connecting to the other device… (both must be on the same network)',
    waitingOther: 'Once the other device has read this code, they will connect.',
    connected: 'Connected: both devices sync directly.',
    failed:
      'The devices could not reach each other. Check they are on the same network, then start again.',
    restart: 'Start again',
    unsupported: 'This browser cannot connect devices directly (WebRTC).',
    'error.not-a-code': 'This is not an Ensemble pairing code.',
    'error.damaged': 'This code is incomplete or damaged. Read it again.',
    'error.missing-parts': 'Some pieces are missing (codes read: {read} of {total}).',
    'error.mixed-codes': 'These pieces come from two different codes. Start reading again.',
    'error.newer-version':
      'This code comes from a newer version of the app. Update it on this device.',
    'error.wrong-community':
      'This code belongs to another community. Open the same community on both devices.',
    'error.other-document':
      'This code comes from another copy of this community, which cannot be merged with this one.',
    'error.unexpected-offer': 'This is a starting code: read the other device’s answer code.',
    'error.unexpected-answer': 'This is an answer code: read the other device’s starting code.',
    'error.other-pairing':
      'This code answers another code than the one shown here. Have the code shown read again.',
    statusTitle: 'Sync status',
    relay: 'Relay',
    relayConnected: 'connected',
    relayConnecting: 'connecting…',
    relayUnreachable: 'unreachable',
    relayNone: 'no access (an invite is needed)',
    peers: 'Devices reached directly',
    lastImport: 'Last file import',
    never: 'none',
  },
);

export type PairMessageKey = keyof typeof pairMessages.fr;
