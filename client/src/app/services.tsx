import { createContext, type ReactNode, useContext } from 'react';
import type { InstallPrompt } from '../pwa/InstallPrompt';
import type { UpdateService } from '../pwa/UpdateService';
import type { EnsembleDatabase } from '../storage/EnsembleDatabase';
import type { InviteStore } from '../storage/InviteStore';
import type { SettingsStore } from '../storage/SettingsStore';
import type { StorageErrorReason } from '../storage/StorageError';
import type { NetworkStatus } from '../sync/NetworkStatus';
import type { RelaySetting } from '../sync/RelaySetting';
import type { ValueStore } from '../util/ValueStore';
import type { LoadActivity } from './activity/activityLoader';
import type { CommunityRepository } from './CommunityRepository';
import type { DisplayName } from './DisplayName';
import type { Membership } from './Membership';
import type { MyCommunities } from './MyCommunities';
import type { ProjectsLoader } from './project/projectsLoader';

/** Everything the screens use, built once by the composition root (main.tsx). */
export interface AppServices {
  readonly repository: CommunityRepository;
  readonly myCommunities: MyCommunities;
  /** What others did in each community since this device last looked (the home's summaries). */
  readonly activity: LoadActivity;
  readonly network: NetworkStatus;
  /** The last storage failure to show, until dismissed. */
  readonly storageProblem: ValueStore<StorageErrorReason | undefined>;
  readonly updates: UpdateService;
  readonly secureContext: boolean;
  readonly appVersion: string;
  /** The name this person gave (for RSVPs and comments); '' until given. */
  readonly displayName: DisplayName;
  /** Invites and joining. */
  readonly membership: Membership;
  /** The invites this device created (with their secrets, to show their links). */
  readonly invites: InviteStore;
  /** The device's settings (the settings screen reads and writes them). */
  readonly settings: SettingsStore;
  /** The relay new connections use (a self-hoster's choice, or the app's origin). */
  readonly relay: RelaySetting;
  /** Installing the app (beforeinstallprompt, or the iOS "Add to Home Screen" hint). */
  readonly install: InstallPrompt;
  /** The project documents (their code loads on first use); the same repository every call. */
  readonly projects: ProjectsLoader;
  /** The device's database, for features whose code loads on demand (photos and files). */
  readonly db: EnsembleDatabase;
}

const ServicesContext = createContext<AppServices | undefined>(undefined);

export function ServicesProvider(props: { services: AppServices; children: ReactNode }) {
  return (
    <ServicesContext.Provider value={props.services}>{props.children}</ServicesContext.Provider>
  );
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside <ServicesProvider>');
  return services;
}
