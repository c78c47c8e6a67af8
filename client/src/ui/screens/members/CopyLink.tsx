import { useRef, useState } from 'react';
import { useMessages } from '../../../i18n/featureMessages';
import { membersMessages } from './messages';

type CopyState = 'idle' | 'copied' | 'failed';

/** A read-only link with a copy button (falls back to the selection without the clipboard API). */
export function CopyLink(props: { url: string; label: string; id: string }) {
  const m = useMessages(membersMessages);
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  async function copyLink() {
    input.current?.select();
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(props.url);
      setCopy('copied');
    } catch {
      setCopy(document.execCommand?.('copy') ? 'copied' : 'failed');
    }
  }

  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <div className="share-row">
        <input
          id={props.id}
          data-testid="invite-link"
          type="text"
          readOnly
          value={props.url}
          onFocus={(event) => event.target.select()}
          ref={input}
        />
        <button type="button" className="button-secondary" onClick={copyLink}>
          {m('share.copy')}
        </button>
      </div>
      <p className="share-status" aria-live="polite">
        {copy === 'copied' ? m('share.copied') : copy === 'failed' ? m('share.copyFailed') : ''}
      </p>
    </div>
  );
}
