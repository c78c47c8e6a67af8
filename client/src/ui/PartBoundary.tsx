import { Component, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

interface Props {
  readonly children: ReactNode;
  /** Tries again (a new import of the part, or a reload of the page). */
  readonly onRetry: () => void;
  /** Small parts say nothing when they fail; screens say so, with a retry button. */
  readonly quiet?: boolean;
}

/**
 * Keeps a part that failed to load or render from taking the whole app down (React
 * unmounts everything above an uncaught error: a blank page). The typical failure is a
 * code chunk that could not be fetched (offline before the service worker had it):
 * the part is retried when the network comes back, or on request.
 */
export class PartBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.warn('[ensemble] part failed', error);
    window.addEventListener('online', this.retry, { once: true });
  }

  override componentWillUnmount(): void {
    window.removeEventListener('online', this.retry);
  }

  private readonly retry = () => {
    window.removeEventListener('online', this.retry);
    this.setState({ failed: false });
    this.props.onRetry();
  };

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    if (this.props.quiet) return null;
    return <PartFailed onRetry={this.retry} />;
  }
}

function PartFailed(props: { onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="banner banner-warning" role="alert" data-testid="part-failed">
      <p>{t('app.partFailed')}</p>
      <button type="button" className="button-secondary" onClick={props.onRetry}>
        {t('app.retry')}
      </button>
    </div>
  );
}
