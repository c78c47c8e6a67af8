import { useEffect } from 'react';

/** Sets the tab title ("<page> · Ensemble"). */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Ensemble` : 'Ensemble';
  }, [title]);
}
