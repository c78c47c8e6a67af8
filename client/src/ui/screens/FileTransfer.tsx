import {
  assertNever,
  BUNDLE_FILE_EXTENSION,
  type BundleError,
  type CommunityId,
  type ImportSummary,
  type Result,
} from '@ensemble/shared';
import { type ChangeEvent, useEffect, useId, useMemo, useState } from 'react';
import { useServices } from '../../app/services';
import { BlobCache } from '../../blobs/BlobCache';
import { type FeatureTranslate, useMessages } from '../../i18n/featureMessages';
import { useI18n } from '../../i18n/I18nProvider';
import { paths } from '../../router/routes';
import { type FileTransferMessageKey, fileTransferMessages } from './fileTransferMessages';
import { formatBytes } from './settings/storageUsage';

type Translate = FeatureTranslate<FileTransferMessageKey>;

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy'; readonly message: string }
  | { readonly kind: 'done'; readonly message: string; readonly openId?: CommunityId }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * Sneakernet: export this community as a file (shared with the Web Share API when the
 * device can share files, else downloaded) and import one. Without `id` (the home
 * screen) a file opens whatever community it holds.
 */
export function FileTransfer(props: { id?: CommunityId }) {
  const t = useMessages(fileTransferMessages);
  const { repository, appVersion, db } = useServices();
  const { language } = useI18n();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const inputId = useId();
  const blobs = useMemo(() => new BlobCache(db), [db]);
  // [BND10] Photos and files go in the file only when asked (off by default), size shown.
  const [withBlobs, setWithBlobs] = useState(false);
  const [blobBytes, setBlobBytes] = useState<number | undefined>(undefined);
  const communityId = props.id;
  useEffect(() => {
    if (!communityId) return;
    let live = true;
    const doc = repository.session(communityId).document;
    if (doc) {
      import('../../app/BundleTransfer')
        .then(({ attachedBlobBytes }) => attachedBlobBytes(doc, blobs))
        .then((size) => {
          if (live) setBlobBytes(size.count > 0 ? size.bytes : undefined);
        })
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, [repository, communityId, blobs]);

  async function exportFile() {
    if (!props.id) return;
    setStatus({ kind: 'busy', message: t('files.exporting') });
    try {
      const exported = await repository.exportBundle(
        props.id,
        appVersion,
        withBlobs && blobBytes !== undefined ? blobs : undefined,
      );
      if (!exported) throw new Error('community not loaded');
      await shareOrDownload(exported.fileName, exported.bytes);
      setStatus({ kind: 'done', message: t('files.exported', { name: exported.fileName }) });
    } catch {
      setStatus({ kind: 'failed', message: t('files.exportFailed') });
    }
  }

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setStatus({ kind: 'busy', message: t('files.importing') });
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      setStatus({ kind: 'failed', message: t('files.readFailed') });
      return;
    } finally {
      input.value = ''; // the same file can be picked again
    }
    try {
      const result = await repository.importBundle(bytes, props.id, blobs);
      setStatus(importStatus(result, t, props.id === undefined));
    } catch {
      // Storage failed while saving (the device is full?): the checks had passed.
      setStatus({ kind: 'failed', message: t('files.importFailed') });
    }
  }

  return (
    <section className="file-transfer" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>{t('files.title')}</h2>
      <p className="field-hint">{t('files.hint')}</p>
      {props.id && blobBytes !== undefined ? (
        <div className="field field-check">
          <input
            id={`${inputId}-blobs`}
            type="checkbox"
            data-testid="export-with-blobs"
            checked={withBlobs}
            disabled={status.kind === 'busy'}
            onChange={(event) => setWithBlobs(event.currentTarget.checked)}
          />
          <label htmlFor={`${inputId}-blobs`}>
            {t('files.withBlobs', { size: formatBytes(blobBytes, language) })}
          </label>
        </div>
      ) : null}
      <div className="share-row">
        {props.id ? (
          <button
            type="button"
            className="button-secondary"
            data-testid="export-file"
            disabled={status.kind === 'busy'}
            onClick={exportFile}
          >
            {t('files.export')}
          </button>
        ) : null}
        <label className="button button-secondary file-pick">
          {props.id ? t('files.import') : t('files.importHome')}
          <input
            className="visually-hidden"
            data-testid="import-file"
            type="file"
            accept={`${BUNDLE_FILE_EXTENSION},application/octet-stream`}
            disabled={status.kind === 'busy'}
            onChange={importFile}
          />
        </label>
      </div>
      {props.id ? (
        <p className="pair-link">
          <a href={paths.pair(props.id)} data-testid="pair-link">
            {t('files.pairLink')}
          </a>
        </p>
      ) : null}
      <p
        className={status.kind === 'failed' ? 'share-status error' : 'share-status'}
        data-testid="import-result"
        data-state={status.kind}
        role={status.kind === 'failed' ? 'alert' : undefined}
        aria-live="polite"
      >
        {status.kind === 'idle' ? '' : status.message}
        {status.kind === 'done' && status.openId ? (
          <>
            {' '}
            <a href={paths.community(status.openId)} data-testid="open-imported">
              {t('files.openImported')}
            </a>
          </>
        ) : null}
      </p>
    </section>
  );
}

function importStatus(
  result: Result<ImportSummary, BundleError>,
  t: Translate,
  fromHome: boolean,
): Status {
  if (!result.ok) return { kind: 'failed', message: bundleErrorMessage(result.error, t) };
  const { changes, communityId } = result.value;
  const message =
    changes === 0
      ? t('files.nothingNew')
      : changes === 1
        ? t('files.importedOne')
        : t('files.imported', { count: changes });
  return fromHome ? { kind: 'done', message, openId: communityId } : { kind: 'done', message };
}

export function bundleErrorMessage(error: BundleError, t: Translate): string {
  switch (error.reason) {
    case 'not-a-bundle':
    case 'truncated':
    case 'corrupted':
    case 'newer-format':
    case 'wrong-community':
    case 'epoch-mismatch':
      return t(`files.error.${error.reason}`);
    case 'too-large':
      return t('files.error.too-large', { limit: Math.round(error.limitBytes / (1024 * 1024)) });
    default:
      return assertNever(error, 'bundle error');
  }
}

/** The Web Share API where the device can share files (phones), else a download. */
async function shareOrDownload(fileName: string, bytes: Uint8Array): Promise<void> {
  const file = new File([bytes as BlobPart], fileName, { type: 'application/octet-stream' });
  if (navigator.canShare?.({ files: [file] })) {
    try {
      await navigator.share({ files: [file], title: fileName });
      return;
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      // Sharing failed (no target app…): fall back to a download.
    }
  }
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
