// The chat page: display name → room → conversation. DOM wiring only; the protocol lives in anonchat-client.js,
// the room's state in realtime-chat.js, the message rows in message-list.js.
import { AnonChatClient, randomId } from './anonchat-client.js';
import { createRealtimeChat } from './realtime-chat.js';
import { createMessageList } from './message-list.js';

const STORAGE_KEY = 'anonchat.session';
const $ = (id) => document.getElementById(id);

const saved = readSession();
const client = new AnonChatClient({ reconnect: { maxAttempts: Infinity } }); // a chat page never gives up on its own
let chat = null;
let unsubscribe = null;

const messageList = createMessageList($('messages'), {
  onEdit: (id, content) => chat?.edit(id, content).catch(() => {}),
  onDelete: (id) => chat?.delete(id).catch(() => {}),
  onRetry: (clientMessageId) => chat?.retry(clientMessageId).catch(() => {}),
  onVisible: (ids) => chat?.markRead(ids),
});

client.on('auth', (ok) => {
  writeSession({ userId: ok.userId, displayName: ok.displayName, token: ok.token });
  const wallet = ok.walletVerified ? ` · wallet ${ok.walletAddress} verified` : '';
  $('identity').textContent = `Signed in as ${ok.displayName}${wallet}`;
});
client.on('state', ({ state }) => showConnection(state));

function readSession() {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY)) ?? {};
  } catch {
    return {};
  }
}

function writeSession(session) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

function show(section) {
  for (const id of ['login', 'lobby', 'chat']) $(id).hidden = id !== section;
}

function showConnection(state) {
  const label = { connecting: 'connecting…', connected: 'online', reconnecting: 'reconnecting…', disconnected: 'offline' };
  $('connection').textContent = label[state] ?? state;
  $('connection').dataset.state = state;
  const lost = state === 'reconnecting' || (state === 'disconnected' && client.userId !== null);
  $('reconnect-banner').hidden = !lost;
  $('reconnect-text').textContent = state === 'reconnecting' ? 'Connection lost. Reconnecting…' : 'Disconnected.';
  $('reconnect-now').hidden = state !== 'disconnected';
}

async function signIn(displayName) {
  $('login-error').hidden = true;
  try {
    await client.connect({ displayName, token: saved.token });
  } catch (error) {
    $('login-error').textContent = `Could not connect: ${error.message}`;
    $('login-error').hidden = false;
    return;
  }
  const roomId = roomFromHash();
  if (roomId) openRoom(roomId);
  else show('lobby');
}

function roomFromHash() {
  const match = /^#room=(.+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

function openRoom(roomId) {
  closeRoom();
  $('room-title').textContent = roomId;
  document.title = `${roomId} · AnonChat`;
  const hash = `#room=${encodeURIComponent(roomId)}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
  show('chat');
  const opened = createRealtimeChat(client, roomId);
  chat = opened;
  unsubscribe = chat.subscribe(render);
  opened.ready.then(() => { if (chat === opened) $('chat').dataset.joined = roomId; });
  render(chat.getState());
  $('message-input').focus();
}

function closeRoom() {
  if (!chat) return;
  unsubscribe();
  chat.close();
  delete $('chat').dataset.joined;
  chat = null;
  messageList.clear();
}

function render(state) {
  const scroller = $('message-scroller');
  const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
  messageList.render(state.messages, state.selfId);
  if (atBottom) scroller.scrollTop = scroller.scrollHeight;
  $('load-older').hidden = !state.hasOlder || !state.messages.some((m) => m.seq !== null);
  $('load-older').disabled = state.loadingOlder;
  $('typing').textContent = typingText(state.typing.map((t) => t.displayName));
  renderMembers(state.members, state.selfId);
  $('chat-error').hidden = !state.error;
  $('chat-error').textContent = state.error ? `${state.error.message} (${state.error.code})` : '';
}

function typingText(names) {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}

function renderMembers(members, selfId) {
  $('members').replaceChildren(...members.map((m) => {
    const li = document.createElement('li');
    li.dataset.userId = m.userId;
    li.dataset.status = m.status;
    const dot = document.createElement('span');
    dot.className = `presence ${m.status}`;
    dot.title = m.status;
    const name = document.createElement('span');
    name.textContent = m.userId === selfId ? `${m.displayName} (you)` : m.displayName;
    const status = document.createElement('span');
    status.className = 'visually-hidden';
    status.textContent = `, ${m.status}`;
    li.append(dot, name, status);
    return li;
  }));
}

async function loadOlder() {
  if (!chat) return;
  const scroller = $('message-scroller');
  const fromBottom = scroller.scrollHeight - scroller.scrollTop;
  await chat.loadOlder();
  scroller.scrollTop = scroller.scrollHeight - fromBottom; // keep the rows the user was looking at in place
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const name = $('display-name').value.trim();
  if (name) signIn(name);
});

$('room-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const roomId = $('room-id').value.trim();
  if (roomId) openRoom(roomId);
});

// A new room is defined on the server with this user as its owner (create_room), then joined.
$('new-room').addEventListener('click', async () => {
  const roomId = `room-${randomId().slice(0, 8)}`;
  try {
    await client.createRoom(roomId);
    openRoom(roomId);
  } catch (error) {
    $('identity').textContent = `Could not create a room: ${error.message}`;
  }
});

$('leave-room').addEventListener('click', () => {
  closeRoom();
  history.replaceState(null, '', location.pathname + location.search);
  document.title = 'AnonChat';
  show('lobby');
});

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $('message-input');
  const text = input.value;
  if (!chat || text.trim() === '') return;
  input.value = '';
  const scroller = $('message-scroller');
  chat.send(text).catch(() => {}); // a failure shows on the row, with a Retry button
  scroller.scrollTop = scroller.scrollHeight;
});

$('message-input').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $('composer').requestSubmit();
  }
});

$('message-input').addEventListener('input', () => chat?.typing());
$('message-scroller').addEventListener('scroll', () => { if ($('message-scroller').scrollTop < 40) loadOlder(); });
$('load-older').addEventListener('click', loadOlder);
$('wallet-box').addEventListener('toggle', () => { if ($('wallet-box').open) showChallenge(); });

/** A challenge belongs to this connection and is used up by a proof attempt: show a fresh one each time. */
async function showChallenge() {
  $('wallet-challenge').textContent = '';
  try {
    $('wallet-challenge').textContent = (await client.requestChallenge()).challenge;
  } catch (error) {
    $('wallet-status').textContent = `No challenge: ${error.message}`;
  }
}

$('wallet-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('wallet-status').textContent = 'Checking…';
  try {
    const ok = await client.proveWallet($('wallet-address').value.trim(), $('wallet-signature').value.trim());
    $('wallet-status').textContent = `Wallet verified: ${ok.walletAddress}`;
  } catch (error) {
    $('wallet-status').textContent = `Not verified: ${error.message} (${error.code})`;
    showChallenge();
  }
  $('wallet-signature').value = '';
});

$('reconnect-now').addEventListener('click', () => client.retryNow());
$('chat-error').addEventListener('click', () => chat?.dismissError());
// Room mates see "away" while this tab is in the background.
document.addEventListener('visibilitychange', () => {
  if (client.state === 'connected') client.setPresence(document.visibilityState === 'visible' ? 'online' : 'away').catch(() => {});
});
window.addEventListener('hashchange', () => {
  const roomId = roomFromHash();
  if (roomId && client.state !== 'disconnected' && roomId !== chat?.getState().roomId) openRoom(roomId);
});

if (saved.displayName) {
  $('display-name').value = saved.displayName;
  signIn(saved.displayName);
}
