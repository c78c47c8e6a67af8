import { defineMessages } from '../../i18n/featureMessages';

/** The community link to share and the invitation shortcuts. */
export const shareLinkMessages = defineMessages(
  {
    'community.share': 'Lien pour partager cette communauté',
    'community.shareHint':
      'Toute personne qui a ce lien peut ouvrir la communauté et y participer.',
    'community.createInvite': 'Créer un lien d’invitation',
    'community.manageInvites': 'Gérer mes invitations',
    'community.copy': 'Copier le lien',
    'community.copied': 'Lien copié',
    'community.copyFailed': 'Copie impossible : sélectionnez le lien et copiez-le à la main.',
  },
  {
    'community.share': 'Link to share this community',
    'community.shareHint': 'Anyone with this link can open the community and take part.',
    'community.createInvite': 'Create an invite link',
    'community.manageInvites': 'Manage my invites',
    'community.copy': 'Copy link',
    'community.copied': 'Link copied',
    'community.copyFailed': 'Could not copy: select the link and copy it by hand.',
  },
);

export type ShareLinkMessageKey = keyof typeof shareLinkMessages.fr;
