import { optionalPart } from '../../optionalPart';

// Photos and files: their code (and the image re-encoding) loads after the page paints.
export const LazyAttachments = optionalPart(() =>
  import('./Attachments').then((module) => module.Attachments),
);
