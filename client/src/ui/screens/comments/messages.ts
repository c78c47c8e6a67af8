import { defineMessages } from '../../../i18n/featureMessages';

/** Comments on an event, an item or a project, in French and English. */
export const commentMessages = defineMessages(
  {
    title: 'Commentaires',
    empty: 'Aucun commentaire pour l’instant.',
    label: 'Votre commentaire',
    submit: 'Publier',
    edit: 'Modifier',
    delete: 'Supprimer',
    save: 'Enregistrer',
    cancel: 'Annuler',
    deleted: 'message supprimé',
    hidden: 'message masqué par un·e organisateur·rice',
    edited: 'modifié',
    editLabel: 'Modifier votre message',
    restore: 'Rétablir',
    hide: 'Masquer',
    show: 'Afficher à nouveau',
  },
  {
    title: 'Comments',
    empty: 'No comments yet.',
    label: 'Your comment',
    submit: 'Post',
    edit: 'Edit',
    delete: 'Delete',
    save: 'Save',
    cancel: 'Cancel',
    deleted: 'message deleted',
    hidden: 'message hidden by an organizer',
    edited: 'edited',
    editLabel: 'Edit your message',
    restore: 'Restore',
    hide: 'Hide',
    show: 'Show again',
  },
);

export type CommentMessageKey = keyof typeof commentMessages.fr;
