/** How long to wait for ICE candidates before sending a description anyway. */
const GATHERING_TIMEOUT_MS = 5_000;

/** Resolves once every ICE candidate is in the local description (no trickling: one message). */
export function gatheringComplete(connection: RTCPeerConnection): Promise<void> {
  if (connection.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      connection.removeEventListener('icegatheringstatechange', onChange);
      resolve();
    };
    const onChange = () => {
      if (connection.iceGatheringState === 'complete') done();
    };
    const timer = setTimeout(done, GATHERING_TIMEOUT_MS);
    connection.addEventListener('icegatheringstatechange', onChange);
  });
}
