import type { AppServices } from '../app/services';
import { AttachmentService } from './AttachmentService';

let service: AttachmentService | undefined;

/**
 * The device's one AttachmentService, built from the app's services the first time a
 * screen shows photos or files (this module loads with them, never in the first load).
 * From then on, blobs waiting to be sent go whenever the network returns.
 */
export function attachmentServiceOf(services: AppServices): AttachmentService {
  service ??= new AttachmentService({
    db: services.db,
    repository: services.repository,
    relay: services.relay,
    network: services.network,
    onError: (error) => console.warn('[ensemble]', error),
  });
  return service;
}
