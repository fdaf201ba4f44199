// Shows whether the chat socket accepts connections. The URL follows the page: wss on https, same path.
const base = new URL('.', document.baseURI);
const url = `${base.protocol === 'https:' ? 'wss:' : 'ws:'}//${base.host}${base.pathname}ws`;
const status = document.getElementById('status');
document.getElementById('endpoint').textContent = url;

const socket = new WebSocket(url);
socket.addEventListener('message', (event) => {
  const frame = JSON.parse(event.data);
  if (frame.type === 'connection_established') {
    status.textContent = 'connected';
    socket.close(1000, 'status check done');
  }
});
socket.addEventListener('error', () => { status.textContent = 'unreachable'; });
