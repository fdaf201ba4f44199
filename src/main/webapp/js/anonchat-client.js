// AnonChat browser client: one WebSocket, authenticated, with rooms, acknowledged sends and reconnection.
// An ES module without dependencies or build step; types in anonchat-client.d.ts, guide in docs/client.md.

export const ConnectionState = Object.freeze({
  CONNECTING: 'connecting',
  CONNECTED: 'connected',
  RECONNECTING: 'reconnecting',
  DISCONNECTED: 'disconnected',
});

const DEFAULTS = Object.freeze({
  initialDelayMs: 1000,
  maxDelayMs: 30000,
  maxAttempts: 5, // the original's limit; Infinity retries for ever
  requestTimeoutMs: 10000,
  offlineQueueLimit: 100,
});

// 1000 is a close we asked for; 1008 (policy) and 1009 (frame too big) would only repeat on a retry.
const FINAL_CLOSE_CODES = new Set([1008, 1009]);
const GOING_AWAY = 1001;

/**
 * Delay before reconnect attempt `attempt` (1-based): exponential from initialDelayMs, capped at maxDelayMs,
 * with "equal jitter" (a uniform pick in the upper half), so a server restart does not get every client back
 * in the same millisecond, and no retry comes sooner than half its step.
 */
export function backoffDelay(attempt, { initialDelayMs = DEFAULTS.initialDelayMs, maxDelayMs = DEFAULTS.maxDelayMs,
  random = Math.random } = {}) {
  const step = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(step / 2 + random() * (step / 2));
}

/** The socket URL of the server that served this module: `../ws` beside `js/`, wss when loaded over https. */
export function defaultSocketUrl(moduleUrl = import.meta.url) {
  const url = new URL('../ws', moduleUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * A random UUID (v4). crypto.randomUUID exists only in secure contexts (https, localhost), and a page served
 * over plain http from another host must still be able to send; getRandomValues exists everywhere.
 */
export function randomId() {
  if (globalThis.crypto?.randomUUID && globalThis.isSecureContext !== false) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An error the server sent (`code` from the protocol's table) or one the client raised (TIMEOUT, ...). */
export class ChatError extends Error {
  constructor(code, message, ref) {
    super(message);
    this.name = 'ChatError';
    this.code = code;
    this.ref = ref;
  }
}

export class AnonChatClient {
  /** @param {import('./anonchat-client').ClientOptions} options */
  constructor(options = {}) {
    this.url = options.url ?? defaultSocketUrl();
    this.options = { ...DEFAULTS, ...options.reconnect, ...pick(options, ['requestTimeoutMs', 'offlineQueueLimit']) };
    this.identity = options.displayName ? { displayName: options.displayName, avatarUrl: options.avatarUrl ?? null } : null;
    this.wallet = options.wallet ?? null; // { address, sign(challenge) → Promise<signature> }: proven on every connection
    this.token = options.token ?? null;
    this.WebSocketImpl = options.WebSocket ?? globalThis.WebSocket;
    this.state = ConnectionState.DISCONNECTED;
    this.userId = null;
    this.displayName = null;
    this.clientId = null;
    this.rooms = new Map(); // roomId → { lastSeq: the highest seq seen, or null }
    this.handlers = new Map();
    this.pending = new Map(); // ref → { resolve, reject, timer, replyType }
    this.outbox = []; // sends waiting for a connection: { roomId, content, clientMessageId, resolve, reject }
    this.inFlight = new Map(); // clientMessageId → the same record, sent and not yet acknowledged
    this.socket = null;
    this.attempt = 0;
    this.retryTimer = null;
    this.nextRef = 1;
    this.wanted = false; // true from connect() until disconnect() or giving up
    this.closedByUser = false;
    this.lastError = null;
    this.onOnline = () => this.retryNow();
  }

  // ---- events ----

  /** Subscribes to a server event type, or to 'state', 'reconnect_failed', 'recovered' or '*'. Returns an unsubscribe. */
  on(type, handler) {
    if (!this.handlers.has(type)) this.handlers.set(type, new Set());
    this.handlers.get(type).add(handler);
    return () => this.handlers.get(type)?.delete(handler);
  }

  emit(type, payload, frame) {
    for (const key of [type, '*']) {
      for (const handler of [...(this.handlers.get(key) ?? [])]) {
        try {
          handler(payload, frame ?? { type, payload });
        } catch (e) {
          console.warn(`anonchat: a '${type}' handler threw`, e); // one bad handler must not stop the others
        }
      }
    }
  }

  setState(state) {
    if (this.state === state) return;
    const previous = this.state;
    this.state = state;
    this.emit('state', { state, previous });
  }

  // ---- connection ----

  /**
   * Opens the socket and authenticates; resolves with the session once both are done (retrying with backoff
   * in between), rejects when the client gives up or is disconnected.
   */
  connect(identity) {
    if (identity) this.setIdentity(identity);
    if (!this.identity) return Promise.reject(new ChatError('NO_IDENTITY', 'connect needs a displayName'));
    if (this.state === ConnectionState.CONNECTED) return Promise.resolve(this.session());
    const ready = new Promise((resolve, reject) => {
      const stop = this.on('state', ({ state }) => {
        if (state === ConnectionState.CONNECTED) { stop(); resolve(this.session()); }
        if (state === ConnectionState.DISCONNECTED) { stop(); reject(this.lastError); }
      });
    });
    if (this.state === ConnectionState.DISCONNECTED) this.start(ConnectionState.CONNECTING);
    return ready;
  }

  start(state) {
    this.wanted = true;
    this.closedByUser = false;
    this.attempt = 0;
    this.lastError = new ChatError('DISCONNECTED', 'the client was disconnected');
    globalThis.addEventListener?.('online', this.onOnline);
    this.setState(state);
    this.open();
  }

  /** Closes for good: no reconnect; queued and unacknowledged sends are rejected. */
  disconnect() {
    this.wanted = false;
    this.closedByUser = true;
    clearTimeout(this.retryTimer);
    globalThis.removeEventListener?.('online', this.onOnline);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'client disconnect');
    this.lastError = new ChatError('DISCONNECTED', 'the client was disconnected');
    this.failAll(this.lastError);
    this.setState(ConnectionState.DISCONNECTED);
  }

  session() {
    return { userId: this.userId, displayName: this.displayName, token: this.token, tokenExpiresAt: this.tokenExpiresAt };
  }

  open() {
    const socket = new this.WebSocketImpl(this.url);
    this.socket = socket;
    socket.onmessage = (event) => this.receive(event.data, socket);
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.dropConnection(event.code);
    };
  }

  /** On connection_established: authenticate (proving the wallet with this connection's challenge, if one is set). */
  async authenticateSocket(socket, challenge) {
    try {
      const payload = await this.authPayload(challenge);
      if (this.socket !== socket) return;
      const ok = await this.request('auth', payload, 'auth_ok');
      await this.authenticated(ok, socket);
    } catch (e) {
      if (this.socket !== socket) return;
      this.lastError = e;
      // A refused auth would be refused again: stop (4000). A slow server may answer the next attempt (4001).
      if (e.code === 'TIMEOUT') socket.close(4001, 'auth timed out');
      else socket.close(4000, 'auth failed');
    }
  }

  async authPayload(challenge) {
    const payload = this.token ? { ...this.identity, token: this.token } : { ...this.identity };
    if (this.wallet && challenge) {
      payload.walletAddress = this.wallet.address;
      payload.signature = await this.wallet.sign(challenge);
    }
    return payload;
  }

  remember(ok) {
    this.userId = ok.userId;
    this.displayName = ok.displayName;
    this.token = ok.token;
    this.tokenExpiresAt = ok.tokenExpiresAt;
    this.emit('auth', ok);
  }

  /** After auth_ok: on a reconnect, join the rooms again and catch up before flushing queued sends. */
  async authenticated(ok, socket) {
    this.remember(ok);
    const resumed = this.state === ConnectionState.RECONNECTING;
    if (resumed) await Promise.all([...this.rooms.keys()].map((roomId) => this.rejoin(roomId)));
    if (this.socket !== socket) return; // dropped again while rejoining; the next attempt starts over
    this.attempt = 0;
    this.setState(ConnectionState.CONNECTED);
    this.flush();
    if (resumed) this.emit('recovered', { rooms: [...this.rooms.keys()] });
  }

  dropConnection(code) {
    this.rejectPending(new ChatError('DISCONNECTED', `socket closed (${code})`));
    // Sent but unacknowledged: resend with the same clientMessageId; the server recognises a duplicate.
    this.outbox.unshift(...this.inFlight.values());
    this.inFlight.clear();
    if (!this.wanted || FINAL_CLOSE_CODES.has(code) || code === 4000) {
      this.stop(code === 4000 ? this.lastError : new ChatError('DISCONNECTED', `socket closed (${code})`));
      return;
    }
    this.setState(ConnectionState.RECONNECTING);
    if (code === GOING_AWAY && this.attempt === 0) this.open(); // server shutdown or heartbeat: try at once
    else this.scheduleRetry();
  }

  stop(error) {
    this.wanted = false;
    this.lastError = error;
    this.failAll(error);
    this.setState(ConnectionState.DISCONNECTED);
  }

  scheduleRetry() {
    this.attempt += 1;
    if (this.attempt > this.options.maxAttempts) {
      this.stop(new ChatError('RECONNECT_LIMIT_REACHED', `gave up after ${this.options.maxAttempts} attempts`));
      this.emit('reconnect_failed', { attempts: this.options.maxAttempts });
      return;
    }
    const delayMs = backoffDelay(this.attempt, this.options);
    this.emit('reconnect_scheduled', { attempt: this.attempt, delayMs });
    this.retryTimer = setTimeout(() => this.open(), delayMs);
  }

  /** The browser is back online: waiting out the backoff would only delay the user. */
  retryNow() {
    if (this.socket) return; // an attempt is already under way
    clearTimeout(this.retryTimer);
    if (this.state === ConnectionState.RECONNECTING) this.open();
    else if (this.state === ConnectionState.DISCONNECTED && this.identity && !this.closedByUser) {
      this.start(ConnectionState.RECONNECTING); // after giving up, or after a close that said not to retry
    }
  }

  // ---- frames ----

  receive(text, socket) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      console.warn('anonchat: ignored a frame that is not JSON');
      return;
    }
    const payload = frame.payload ?? {};
    if (frame.type === 'connection_established' && socket === this.socket) {
      this.clientId = payload.clientId;
      this.authenticateSocket(socket, payload.challenge);
    }
    if (frame.type === 'message' || frame.type === 'history') this.trackSeq(frame.type, payload);
    if (frame.ref && this.pending.has(frame.ref)) this.settle(frame);
    else if (frame.type === 'error' && payload.ref && this.pending.has(payload.ref)) this.settle({ ...frame, ref: payload.ref });
    if (socket === this.socket) this.emit(frame.type, payload, frame);
  }

  trackSeq(type, payload) {
    const room = this.rooms.get(payload.roomId);
    if (!room) return;
    const seqs = type === 'message' ? [payload.seq] : (payload.messages ?? []).map((m) => m.seq);
    for (const seq of seqs) if (Number.isInteger(seq) && seq > (room.lastSeq ?? 0)) room.lastSeq = seq;
  }

  settle(frame) {
    const waiter = this.pending.get(frame.ref);
    this.pending.delete(frame.ref);
    clearTimeout(waiter.timer);
    if (frame.type === 'error') waiter.reject(new ChatError(frame.payload.code, frame.payload.message, frame.ref));
    else waiter.resolve(frame.payload);
  }

  /** Sends a raw frame; false when the socket is not open. */
  send(type, payload = {}, ref) {
    const socket = this.socket;
    if (!socket || socket.readyState !== 1) return false;
    const frame = { type, payload, timestamp: Date.now() };
    if (ref) frame.ref = ref;
    socket.send(JSON.stringify(frame));
    return true;
  }

  /**
   * Sends a frame with a fresh ref and settles on the server's reply carrying it: `replyType`, or the error. A
   * command without a direct reply (replyType null) resolves once written and rejects only on an error reply.
   */
  request(type, payload, replyType, timeoutMs = this.options.requestTimeoutMs) {
    const ref = `r${this.nextRef++}`;
    return new Promise((resolve, reject) => {
      if (!this.send(type, payload, ref)) {
        reject(new ChatError('NOT_CONNECTED', `cannot send ${type}: not connected`, ref));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(ref);
        reject(new ChatError('TIMEOUT', `no reply to ${type} within ${timeoutMs} ms`, ref));
      }, timeoutMs);
      this.pending.set(ref, { resolve, reject, timer });
    });
  }

  rejectPending(error) {
    for (const waiter of this.pending.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.pending.clear();
  }

  // ---- messages ----

  /**
   * Sends a message, settling with message_ack's payload. A fresh clientMessageId is made unless one is given
   * (pass the old one to retry a failed send). Offline, the send waits in a bounded queue and goes out after
   * the reconnect; a send cut off before its ack is sent again with the same id, so the server stores it once.
   */
  sendMessage(roomId, content, { clientMessageId = randomId(), timeoutMs = this.options.requestTimeoutMs } = {}) {
    return new Promise((resolve, reject) => {
      const send = { roomId, content, clientMessageId, timeoutMs, resolve, reject };
      if (this.state === ConnectionState.CONNECTED) this.transmit(send);
      else if (this.wanted && this.outbox.length < this.options.offlineQueueLimit) {
        this.outbox.push(send);
        this.emit('queued', { roomId, clientMessageId, queued: this.outbox.length });
      } else {
        reject(new ChatError(this.wanted ? 'QUEUE_FULL' : 'NOT_CONNECTED', 'message not sent: offline', clientMessageId));
      }
    });
  }

  transmit(send) {
    this.inFlight.set(send.clientMessageId, send);
    const payload = { roomId: send.roomId, content: send.content, clientMessageId: send.clientMessageId };
    this.request('send_message', payload, 'message_ack', send.timeoutMs).then(
      (ack) => { this.inFlight.delete(send.clientMessageId); send.resolve(ack); },
      (error) => {
        if (error.code === 'DISCONNECTED' || error.code === 'NOT_CONNECTED') return; // requeued by dropConnection
        this.inFlight.delete(send.clientMessageId);
        send.reject(error);
      });
  }

  flush() {
    const queued = this.outbox.splice(0);
    for (const send of queued) {
      if (this.state === ConnectionState.CONNECTED) this.transmit(send);
      else this.outbox.push(send);
    }
  }

  failAll(error) {
    this.rejectPending(error);
    for (const send of [...this.outbox, ...this.inFlight.values()]) send.reject(error);
    this.outbox = [];
    this.inFlight.clear();
  }

  /** The sends waiting for a connection, oldest first (for showing them as "sending"). */
  queuedMessages() {
    return this.outbox.map(({ roomId, content, clientMessageId }) => ({ roomId, content, clientMessageId }));
  }

  // ---- rooms ----

  /**
   * Joins a room; resolves with room_join's payload. The client remembers the room and the highest seq it has
   * seen there, and after a reconnect joins again with sinceSeq so the server sends what was missed.
   */
  joinRoom(roomId, { inviteCode } = {}) {
    if (!this.rooms.has(roomId)) this.rooms.set(roomId, { lastSeq: null }); // null: no seq seen yet
    return this.join(roomId, undefined, inviteCode); // an invite code admits for good: rejoins need none
  }

  join(roomId, sinceSeq, inviteCode) {
    const ref = `r${this.nextRef++}`;
    const payload = { roomId, sinceSeq, inviteCode };
    return new Promise((resolve, reject) => {
      // join_room has no direct reply: room_join for this user confirms it, an error with the ref refuses it.
      const done = (settle, value) => { stop(); clearTimeout(timer); this.pending.delete(ref); settle(value); };
      const stop = this.on('room_join', (p) => { if (p.roomId === roomId && p.userId === this.userId) done(resolve, p); });
      const timer = setTimeout(() => done(reject, new ChatError('TIMEOUT', `no room_join for ${roomId}`, ref)),
        this.options.requestTimeoutMs);
      this.pending.set(ref, { resolve: () => {}, reject: (e) => done(reject, e), timer });
      if (!this.send('join_room', payload, ref)) done(reject, new ChatError('NOT_CONNECTED', 'cannot join: not connected', ref));
    });
  }

  /**
   * Joins again after a reconnect. A server with recovery answers a join with sinceSeq with a history carrying
   * `recovered` (paged on with afterSeq when capped). A server without it sends none, which shows when the presence
   * snapshot asked for right after the join arrives first (frames to one connection keep their order): then the
   * client pages with history{afterSeq} itself. A room where no seq was seen yet is joined plainly.
   */
  async rejoin(roomId) {
    const room = this.rooms.get(roomId);
    if (room.lastSeq === null) {
      await this.join(roomId, undefined).catch((error) => this.emit('client_error', { roomId, error }));
      return;
    }
    let recovery = null;
    const stop = this.on('history', (p) => { if (p.roomId === roomId && 'recovered' in p) recovery = p; });
    try {
      await this.join(roomId, room.lastSeq);
      await this.requestPresenceSnapshot(roomId);
      stop();
      if (!recovery || recovery.hasMore) await this.catchUp(roomId);
    } catch (error) {
      stop();
      this.emit('client_error', { roomId, error });
    }
  }

  /** Fetches every message after the last seen seq, page by page. */
  async catchUp(roomId) {
    for (let page = 0; page < 1000; page++) {
      const reply = await this.history(roomId, { afterSeq: this.rooms.get(roomId).lastSeq, limit: 100 });
      if (!reply.hasMore) return;
    }
  }

  leaveRoom(roomId) {
    this.rooms.delete(roomId);
    return this.fire('leave_room', { roomId });
  }

  /** A command the server confirms only by a broadcast: resolves once sent, rejects if it was refused at once. */
  fire(type, payload) {
    if (!this.send(type, payload)) return Promise.reject(new ChatError('NOT_CONNECTED', `cannot send ${type}: not connected`));
    return Promise.resolve();
  }

  // ---- typed helpers for every client event ----

  setIdentity({ displayName, avatarUrl = null, token, wallet }) {
    this.identity = { displayName, avatarUrl };
    if (token) this.token = token;
    if (wallet !== undefined) this.wallet = wallet;
  }

  /** Authenticates again on the open connection (a rename, or proving a wallet with a fresh challenge). */
  async authenticate(identity) {
    this.setIdentity(identity);
    const challenge = this.wallet ? (await this.requestChallenge()).challenge : undefined;
    const ok = await this.request('auth', await this.authPayload(challenge), 'auth_ok');
    this.remember(ok);
    return ok;
  }

  requestChallenge() { return this.request('request_challenge', {}, 'challenge'); }

  /**
   * Proves a wallet on the open connection with a signature the user made by hand for this connection's current
   * challenge (from requestChallenge). Unlike the `wallet` option it is not repeated after a reconnect: the next
   * connection resumes the same user with the token, unproven (auth_ok.walletVerified false).
   */
  async proveWallet(walletAddress, signature) {
    const ok = await this.request('auth', { ...(await this.authPayload()), walletAddress, signature }, 'auth_ok');
    this.remember(ok);
    return ok;
  }

  /** Defines a room owned by this user (public unless isPrivate); join it next. */
  createRoom(roomId, { name, isPrivate } = {}) {
    return this.request('create_room', { roomId, name, private: isPrivate }, 'room_created');
  }

  /** Admits a user, by userId or walletAddress, to a room this user created. */
  invite(roomId, { userId, walletAddress }) {
    return this.request('invite', { roomId, userId, walletAddress }, 'member_invited');
  }

  createInvite(roomId) { return this.request('create_invite', { roomId }, 'invite_code'); }

  markDelivered(roomId, messageId) { return this.fire('message_delivered', { roomId, messageId }); }

  markRead(roomId, messageIds) {
    const ids = Array.isArray(messageIds) ? messageIds : [messageIds];
    if (ids.length === 1) return this.fire('message_read', { roomId, messageId: ids[0] });
    const batches = [];
    for (let i = 0; i < ids.length; i += 100) batches.push(this.fire('mark_read', { roomId, messageIds: ids.slice(i, i + 100) }));
    return Promise.all(batches).then(() => undefined);
  }

  typing(roomId) { return this.fire('typing', { roomId }); }

  stopTyping(roomId) { return this.fire('stop_typing', { roomId }); }

  setPresence(status) { return this.fire('set_presence', { status }); }

  walletEvent(action, walletAddress) { return this.fire('wallet_event', { action, walletAddress }); }

  requestPresenceSnapshot(roomId) {
    return this.request('request_presence_snapshot', roomId ? { roomId } : {}, 'presence_snapshot');
  }

  /** history{roomId, beforeSeq|afterSeq, limit}; resolves with the reply (messages in ascending seq, hasMore). */
  history(roomId, { beforeSeq, afterSeq, limit } = {}) {
    return this.request('history', { roomId, beforeSeq, afterSeq, limit }, 'history').then((reply) => {
      const room = this.rooms.get(roomId);
      // The newest page of an empty room: from now on everything is new, so a rejoin asks for it all.
      if (room && room.lastSeq === null && beforeSeq === undefined && afterSeq === undefined && !reply.hasMore) {
        room.lastSeq = 0;
      }
      return reply;
    });
  }

  editMessage(roomId, messageId, content) { return this.fire('edit_message', { roomId, messageId, content }); }

  deleteMessage(roomId, messageId) { return this.fire('delete_message', { roomId, messageId }); }

  pong() { return this.fire('pong', {}); }
}

function pick(object, keys) {
  return Object.fromEntries(keys.filter((k) => object[k] !== undefined).map((k) => [k, object[k]]));
}
