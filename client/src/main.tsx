import { readCommunity, yjsEngine } from '@ensemble/shared';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CommunityRepository } from './app/CommunityRepository';
import { DisplayName } from './app/DisplayName';
import { MyCommunities } from './app/MyCommunities';
import { type AppServices, ServicesProvider } from './app/services';
import { I18nProvider } from './i18n/I18nProvider';
import { type Language, loadLanguage, pickLanguage } from './i18n/i18n';
import {
  type DeviceIdentity,
  ephemeralDeviceIdentity,
  loadDeviceIdentity,
} from './identity/DeviceIdentity';
import { UpdateService } from './pwa/UpdateService';
import { AccessStore } from './storage/AccessStore';
import { CommunityIndex } from './storage/CommunityIndex';
import { DocumentStore } from './storage/DocumentStore';
import { openEnsembleDatabase, SettingKey } from './storage/EnsembleDatabase';
import { SettingsStore } from './storage/SettingsStore';
import { type StorageErrorReason, toStorageError } from './storage/StorageError';
import { NetworkStatus } from './sync/NetworkStatus';
import { noAccessConnection } from './sync/NoAccessConnection';
import { RelayConnection } from './sync/RelayConnection';
import { defaultSignalingUrl, withDirectPeers } from './sync/webrtc/directConnection';
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
  const storageProblem = new ValueStore<StorageErrorReason | undefined>(undefined);
  const storageFailed = (error: unknown) => {
    const storageError = toStorageError(error);
    report(storageError);
    storageProblem.set(storageError.reason);
  };

  const displayName = new DisplayName(settings, report);
  let identity: DeviceIdentity;
  let savedLanguage: unknown;
  let persistRequested = false;
  try {
    identity = await loadDeviceIdentity(settings);
    savedLanguage = await settings.get(SettingKey.language);
    persistRequested = (await settings.get(SettingKey.persistRequested)) === true;
    await displayName.load();
  } catch (error) {
    // No IndexedDB (some private modes): the app still works for this session.
    storageFailed(error);
    identity = ephemeralDeviceIdentity();
  }

  const store = new DocumentStore(db, yjsEngine);
  store.onError((error) => storageFailed(error));
  const index = new CommunityIndex(db);
  const access = new AccessStore(db);
  const network = new NetworkStatus();
  const updates = new UpdateService(report);

  const repository = new CommunityRepository({
    engine: yjsEngine,
    store,
    index,
    identity,
    network,
    access,
    connect: (doc, grant) => {
      const epoch = () => readCommunity(doc)?.epoch || undefined;
      const relay = grant
        ? new RelayConnection(doc, network, {
            credentials: () => ({
              capability: grant.capability,
              readOnly: grant.readOnly,
              // The document's creation id, once known: a relay holding another document
              // under this id refuses instead of merging the two.
              epoch: epoch(),
            }),
          })
        : undefined;
      // Devices in the same room also sync directly (WebRTC): introduced by the relay when
      // this device may write (peers trust what they receive), or paired by QR codes.
      return withDirectPeers(relay ?? noAccessConnection(), doc, {
        epoch,
        signaling: () =>
          relay && grant && !grant.readOnly
            ? {
                url: defaultSignalingUrl(),
                capability: grant.capability,
              }
            : undefined,
      });
    },
    onBackgroundError: storageFailed,
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

  const services: AppServices = {
    repository,
    myCommunities: new MyCommunities(index, storageFailed),
    network,
    storageProblem,
    updates,
    secureContext: window.isSecureContext !== false,
    appVersion: __APP_VERSION__,
    displayName,
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
