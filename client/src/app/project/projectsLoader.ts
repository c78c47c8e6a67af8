import type { ProjectRepository, ProjectRepositoryDeps } from './ProjectRepository';

/** Opens the project repository on first use: its code (and the project domain) loads then. */
export type ProjectsLoader = () => Promise<ProjectRepository>;

/** For the composition root: keeps project code out of the first load. */
export function projectsLoader(deps: () => ProjectRepositoryDeps): ProjectsLoader {
  let loading: Promise<ProjectRepository> | undefined;
  return () => {
    loading ??= import('./ProjectRepository').then(
      (module) => new module.ProjectRepository(deps()),
    );
    return loading;
  };
}
