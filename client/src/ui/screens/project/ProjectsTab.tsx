import type { CommunityTabProps } from '../tabProps';

/** Slot for the tab being built on its own branch (replaced before it lands). */
export function ProjectsTab(props: CommunityTabProps) {
  return <h2>ProjectsTab {props.snapshot.profile.name}</h2>;
}
