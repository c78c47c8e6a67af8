import type { CrdtDocument } from '@ensemble/shared';
import { DocAwareness } from '../sync/DocAwareness';
import { type Presence, presenceColor } from '../sync/Presence';

export { presenceColor };

/**
 * Who is here now in an open community: its document's awareness (the same one its relay
 * connection and direct links carry), one entry per person, throttled. Loaded on demand
 * with the presence panel; destroy it when the panel goes.
 */
export function communityPresence(document: CrdtDocument, throttleMs?: number): Presence {
  return DocAwareness.of(document).presence(throttleMs);
}
