import type { LaunchOptions } from '@playwright/test';

/**
 * Chromium as in playwright.config.ts, plus what WebRTC between two contexts of one
 * machine needs: loopback ICE candidates, and real local addresses instead of mDNS
 * `.local` names (nothing answers mDNS in the test container).
 */
export const p2pLaunchOptions: LaunchOptions = {
  executablePath: process.env.ENSEMBLE_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--allow-loopback-in-peer-connection',
    '--disable-features=WebRtcHideLocalIpsWithMdns',
  ],
};
