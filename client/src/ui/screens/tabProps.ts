import type { CommunityId, CommunitySnapshot, CrdtDocument } from '@ensemble/shared';

/** What each tab of a community's page gets (the events tab is drawn by the page itself). */
export interface CommunityTabProps {
  readonly id: CommunityId;
  readonly snapshot: CommunitySnapshot;
  /** For reading through the domain API; changes go through the repository. */
  readonly document: CrdtDocument;
  readonly readOnly: boolean;
}
