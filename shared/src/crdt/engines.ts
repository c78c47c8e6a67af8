import { type DocumentEngine, EngineName } from './DocumentPort';
import { yjsEngine } from './yjs/YjsDocument';

/**
 * [AM6] The engine of a document, by the name recorded with it (project index entry,
 * bundle manifest, relay room meta, device storage). Automerge is loaded on first use:
 * a dynamic import, so its code and wasm stay out of the initial JS. In Node (relay,
 * vitest) its package initialises the wasm synchronously when imported; in the browser
 * the bundler entry instantiates it asynchronously, and this promise settles once it is
 * ready, or rejects when the code or wasm could not be fetched (the caller says so).
 * A name this app does not know is refused: the document came from a newer app.
 */
export async function documentEngine(name: string): Promise<DocumentEngine> {
  if (name === EngineName.yjs) return yjsEngine;
  if (name === EngineName.automerge) {
    const { automergeEngine } = await import('./automerge/AutomergeDocument');
    return automergeEngine;
  }
  throw new UnknownEngineError(name);
}

export class UnknownEngineError extends Error {
  readonly reason = 'unknown-engine';
  constructor(readonly engine: string) {
    super(`documents of engine "${engine}" need a newer app`);
    this.name = 'UnknownEngineError';
  }
}
