import { optionalPart } from '../../optionalPart';

// Listing in the public directory: organizers only, loaded with the members tab when shown.
export const LazyDirectorySection = optionalPart(() =>
  import('./DirectorySection').then((module) => module.DirectorySection),
);
