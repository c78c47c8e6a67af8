/**
 * Hocuspocus 3.4.4 as a user would start it with no extension: in-memory
 * documents, no persistence. HOST / PORT from the environment.
 */
import { Server } from '@hocuspocus/server';

const server = new Server({
  port: Number(process.env.PORT ?? 1234),
  address: process.env.HOST ?? '127.0.0.1',
  quiet: true,
  stopOnSignals: true,
});
await server.listen();
console.log(`hocuspocus listening on ${process.env.HOST}:${process.env.PORT}`);
