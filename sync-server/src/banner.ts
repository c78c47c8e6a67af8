import type { NetworkInterfaceInfo } from 'node:os';

export interface BannerInput {
  readonly port: number;
  readonly tls: boolean;
  readonly host: string;
  readonly dataDir: string;
  readonly staticDir: string;
  readonly interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>;
}

/** The human lines printed at start: where to open the app, and what plain HTTP lacks. */
export function startupBanner(input: BannerInput): string[] {
  const scheme = input.tls ? 'https' : 'http';
  const lines = [`Ensemble relay on ${scheme}://localhost:${input.port}  (this machine)`];
  const wildcard = input.host === '0.0.0.0' || input.host === '::';
  if (wildcard) {
    for (const address of lanAddresses(input.interfaces)) {
      lines.push(`  on the LAN: ${scheme}://${address}:${input.port}`);
    }
  } else if (input.host !== '127.0.0.1' && input.host !== 'localhost') {
    lines.push(`  listening on ${scheme}://${input.host}:${input.port}`);
  }
  lines.push(`  data: ${input.dataDir}`, `  app:  ${input.staticDir}`);
  if (!input.tls) {
    lines.push(
      '  Note: phones opening a LAN http:// address get no offline mode, no install and no',
      '  device keys: browsers give those only to HTTPS or localhost. Give the relay a',
      '  trusted certificate (--tls-cert/--tls-key): see README.md, "At a venue: secure contexts".',
    );
  }
  return lines;
}

export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  const addresses: string[] = [];
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family === 'IPv4' && !info.internal) addresses.push(info.address);
    }
  }
  return addresses;
}
