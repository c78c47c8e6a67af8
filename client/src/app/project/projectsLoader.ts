import type { ProjectRepository, ProjectRepositoryDeps } from './ProjectRepository';

/** Opens the project repository on first use: its code (and the project domain) loads then. */
export type ProjectsLoader = () => Promise<ProjectRepository>;

/** For the composition root: keeps project code out of the first load. */
export function projectsLoader(deps: () => Promise<ProjectRepositoryDeps>): ProjectsLoader {
  let loading: Promise<ProjectRepository> | undefined;
  return () => {
    loading ??= Promise.all([import('./ProjectRepository'), deps()]).then(
      ([module, resolved]) => new module.ProjectRepository(resolved),
    );
    return loading;
  };
}
