import type { AttachmentService, AttachmentServiceDeps } from './AttachmentService';

/** Photos and files: their code loads on first use (not in the first load). */
export type AttachmentsLoader = () => Promise<AttachmentService>;

export function attachmentsLoader(deps: AttachmentServiceDeps): AttachmentsLoader {
  let loading: Promise<AttachmentService> | undefined;
  return () => {
    loading ??= import('./AttachmentService').then((m) => new m.AttachmentService(deps));
    return loading;
  };
}
