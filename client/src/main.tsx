import { type CrdtDocument, readCommunity, yjsEngine } from '@ensemble/shared';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { activityLoader } from './app/activity/activityLoader';
import { CommunityDigests } from './app/CommunityDigests';
import { CommunityRepository, type DocumentConnection } from './app/CommunityRepository';
import { DisplayName } from './app/DisplayName';
import { Membership } from './app/Membership';
import { MyCommunities } from './app/MyCommunities';
import { projectsLoader } from './app/project/projectsLoader';
import { type AppServices, ServicesProvider } from './app/services';
import { I18nProvider } from './i18n/I18nProvider';
import { type Language, loadLanguage, pickLanguage } from './i18n/i18n';
import {
  type DeviceIdentity,
  ephemeralDeviceIdentity,
  loadDeviceIdentity,
} from './identity/DeviceIdentity';
import { InstallPrompt } from './pwa/InstallPrompt';
import { UpdateService } from './pwa/UpdateService';
import { AccessStore, type CommunityAccess } from './storage/AccessStore';
import { CommunityIndex } from './storage/CommunityIndex';
import { DigestStore } from './storage/DigestStore';
import { DocumentStore } from './storage/DocumentStore';
import { openEnsembleDatabase, SettingKey } from './storage/EnsembleDatabase';
import { InviteStore } from './storage/InviteStore';
import { SettingsStore } from './storage/SettingsStore';
import { type StorageErrorReason, toStorageError } from './storage/StorageError';
import { lazyConnection } from './sync/LazyConnection';
import { NetworkStatus } from './sync/NetworkStatus';
import { noAccessConnection } from './sync/NoAccessConnection';
import { RelaySetting } from './sync/RelaySetting';
import { withDirectPeers } from './sync/webrtc/directConnection';
import { App } from './ui/App';
import { ValueStore } from './util/ValueStore';
import './styles.css';

// The composition root: builds the adapters, plugs them into the app, renders.

function report(error: unknown): void {
  console.warn('[ensemble]', error);
}

async function start(): Promise<void> {
  const db = openEnsembleDatabase();
  const settings = new SettingsStore(db);
  // The browser offers installation once, maybe before the first render: listen first.
  const install = new InstallPrompt(settings, report);
  install.listen();
  const storageProblem = new ValueStore<StorageErrorReason | undefined>(undefined);
  const storageFailed = (error: unknown) => {
    const storageError = toStorageError(error);
    report(storageError);
    storageProblem.set(storageError.reason);
  };

  const displayName = new DisplayName(settings, report);
  const relay = new RelaySetting(settings);
  let identity: DeviceIdentity;
  let savedLanguage: unknown;
  let persistRequested = false;
  try {
    identity = await loadDeviceIdentity(settings);
    savedLanguage = await settings.get(SettingKey.language);
    persistRequested = (await settings.get(SettingKey.persistRequested)) === true;
    await Promise.all([displayName.load(), relay.load(), install.load()]);
  } catch (error) {
    // No IndexedDB (some private modes): the app still works for this session.
    storageFailed(error);
    identity = ephemeralDeviceIdentity();
  }

  const store = new DocumentStore(db, yjsEngine);
  store.onError((error) => storageFailed(error));
  const index = new CommunityIndex(db);
  const access = new AccessStore(db);
  const invites = new InviteStore(db);
  const network = new NetworkStatus();
  const updates = new UpdateService(report);

  /**
   * Connects one document (a community's or a project's) to its peers: its room on the
   * relay (its id), opened with the community's capability, and the same devices directly.
   * The relay is read now: a relay chosen in the settings applies to connections opened
   * after it; its signaling endpoint is beside it.
   */
  const connect = (
    doc: CrdtDocument,
    grant: CommunityAccess | undefined,
    epoch: () => string | undefined,
    options: { readonly background?: boolean } = {},
  ): DocumentConnection => {
    const url = relay.url();
    // The websocket provider loads on demand: what is on the device paints first.
    const viaRelay = grant
      ? lazyConnection(
          () =>
            import('./sync/RelayConnection').then(
              ({ RelayConnection }) =>
                new RelayConnection(doc, network, {
                  url,
                  credentials: () => ({
                    capability: grant.capability,
                    readOnly: grant.readOnly,
                    // The document's creation id, once known: a relay holding another
                    // document under this id refuses instead of merging the two.
                    epoch: epoch(),
                  }),
                  // For the badge after a restart offline: when the relay last had everything.
                  rememberLastSynced: true,
                }),
            ),
          network.get() ? 'connecting' : 'offline',
          report,
        )
      : undefined;
    // Devices in the same room also sync directly (WebRTC): introduced by the relay when
    // this device may write (peers trust what they receive), or paired by QR codes. The
    // board, notes and cursors of a project keep flowing without the relay too. Not for a
    // moment's visit of the home's background refresh.
    return withDirectPeers(viaRelay ?? noAccessConnection(), doc, {
      epoch,
      network,
      signaling: () =>
        grant && !grant.readOnly && options.background !== true
          ? { url: url.replace(/\/sync$/, '/signal'), capability: grant.capability }
          : undefined,
    });
  };

  const repository = new CommunityRepository({
    engine: yjsEngine,
    store,
    index,
    identity,
    network,
    access,
    connect: (doc, grant, { background }) =>
      connect(doc, grant, () => readCommunity(doc)?.epoch || undefined, { background }),
    onBackgroundError: storageFailed,
    // Derived data: a failure to keep a digest costs a slower first paint, nothing else.
    digests: new CommunityDigests(new DigestStore(db), report),
    onCommunityCreated: () => {
      if (persistRequested) return;
      persistRequested = true;
      // Ask once that the browser keeps our data under storage pressure.
      navigator.storage
        ?.persist?.()
        .then(() => settings.set(SettingKey.persistRequested, true))
        .catch(report);
    },
  });

  const myCommunities = new MyCommunities(index, storageFailed);
  const services: AppServices = {
    repository,
    myCommunities,
    activity: activityLoader({
      repository,
      db,
      access,
      network,
      communities: myCommunities,
      onError: report,
    }),
    network,
    storageProblem,
    updates,
    secureContext: window.isSecureContext !== false,
    appVersion: __APP_VERSION__,
    displayName,
    membership: new Membership(repository, access, invites),
    invites,
    settings,
    relay,
    install,
    // Project pages are loaded on demand.
    projects: projectsLoader(async () => ({
      engine: yjsEngine,
      store,
      identity,
      network,
      access,
      communities: repository,
      connect,
      onBackgroundError: storageFailed,
    })),
    db,
  };

  const language = pickLanguage(savedLanguage, navigator.languages ?? [navigator.language]);
  // Its messages, when not French (the default, always there); French if that fails.
  await loadLanguage(language).catch(report);
  const saveLanguage = (next: Language) => {
    settings.set(SettingKey.language, next).catch(report);
  };

  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <ServicesProvider services={services}>
        <I18nProvider initial={language} onChange={saveLanguage}>
          <App />
        </I18nProvider>
      </ServicesProvider>
    </StrictMode>,
  );

  if (UpdateService.canRegister()) updates.register();
}

start().catch(report);
