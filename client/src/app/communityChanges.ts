// The code that writes changes to a community (every change type of the domain), in its
// own chunk: loaded through changeCode.ts, not needed to paint the home and community pages.
export { applyCommunityChange } from '@ensemble/shared';
