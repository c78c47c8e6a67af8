/** The app version, set at build time (ENSEMBLE_APP_VERSION or client/package.json). */
declare const __APP_VERSION__: string;
