// The `wallboard` topic of /websocket (RT-7) as the wallboard and the supervisor's view read it:
// snapshots by push only, the socket opened again 2 s after it closes; timers run locally from
// the snapshot's server time (RT-6), so a wrong clock in the browser does not matter.

/** m:ss, or h:mm:ss from an hour on. */
export function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n) => String(n).padStart(2, '0');
  return (h > 0 ? h + ':' + pad(m) : m) + ':' + pad(s % 60);
}

/**
 * Subscribes and keeps subscribed: {@code onSnapshot(snapshot)} for each snapshot, {@code onDown()}
 * while the socket is closed. Returns {@code now()}: the server's time now, estimated from the last
 * snapshot's {@code at} and the time passed here since it arrived.
 */
export function followWallboard({ onSnapshot, onDown }) {
  let at = 0;       // the last snapshot's server time
  let received = 0; // when it arrived, by this browser's clock
  function connect() {
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/websocket');
    ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'SUBSCRIBE', topic: 'wallboard' })));
    ws.addEventListener('message', (m) => {
      const frame = JSON.parse(m.data);
      if (frame.type === 'EVENT' && frame.topic === 'wallboard') {
        at = Date.parse(frame.data.at);
        received = Date.now();
        onSnapshot(frame.data);
      }
    });
    ws.addEventListener('close', () => {
      onDown();
      setTimeout(connect, 2000);
    });
  }
  connect();
  return { now: () => at + (Date.now() - received) };
}
