// Types for anonchat-client.js: every event and payload of the AnonChat protocol (docs/protocol.md).

export type ConnectionStateValue = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';
export declare const ConnectionState: Readonly<{
  CONNECTING: 'connecting';
  CONNECTED: 'connected';
  RECONNECTING: 'reconnecting';
  DISCONNECTED: 'disconnected';
}>;

export type MessageStatus = 'sent' | 'delivered' | 'read';
export type PresenceStatus = 'online' | 'away' | 'offline';
export type ErrorCode =
  | 'NOT_AUTHENTICATED' | 'INVALID_JSON' | 'INVALID_PAYLOAD' | 'UNKNOWN_TYPE' | 'NOT_A_MEMBER' | 'FORBIDDEN'
  | 'NOT_FOUND' | 'TOO_LARGE' | 'EDIT_WINDOW_CLOSED' | 'RATE_LIMITED' | 'WALLET_PROOF_FAILED' | 'CHALLENGE_EXPIRED'
  | 'ROOM_EXISTS' | 'TOO_MANY_CONNECTIONS' | 'INTERNAL';
/** Raised by the client itself rather than the server. */
export type ClientErrorCode =
  | 'TIMEOUT' | 'NOT_CONNECTED' | 'DISCONNECTED' | 'QUEUE_FULL' | 'RECONNECT_LIMIT_REACHED' | 'NO_IDENTITY'
  | 'CONNECT_FAILED';

/** The envelope of every frame. */
export interface Frame<T extends string = string, P = unknown> {
  type: T;
  payload: P;
  timestamp?: number;
  ref?: string;
}

// ---- client → server payloads ----

export interface AuthPayload {
  displayName: string;
  avatarUrl?: string | null;
  token?: string;
  /** With signature: the Stellar account id to prove. */
  walletAddress?: string;
  /** The wallet's Ed25519 signature of this connection's challenge (raw or SEP-53), hex or base64. */
  signature?: string;
}
export interface JoinRoomPayload { roomId: string; sinceSeq?: number; inviteCode?: string }
export interface CreateRoomPayload { roomId: string; name?: string; private?: boolean }
export interface InvitePayload { roomId: string; userId?: string; walletAddress?: string }
export interface CreateInvitePayload { roomId: string }
export interface LeaveRoomPayload { roomId: string }
export interface SendMessagePayload { roomId: string; content: string; clientMessageId?: string | null }
export interface MessageDeliveredPayload { roomId: string; messageId: string }
export interface MessageReadPayload { roomId: string; messageId: string }
export interface MarkReadPayload { roomId: string; messageIds: string[] }
export interface EditMessagePayload { roomId: string; messageId: string; content: string }
export interface DeleteMessagePayload { roomId: string; messageId: string }
export interface TypingPayload { roomId: string }
export interface WalletEventPayload { action: 'connect' | 'disconnect' | string; walletAddress: string }
export interface RequestPresenceSnapshotPayload { roomId?: string }
export interface SetPresencePayload { status: 'online' | 'away' }
export interface HistoryRequestPayload { roomId: string; beforeSeq?: number; afterSeq?: number; limit?: number }

export interface ClientEvents {
  auth: AuthPayload;
  request_challenge: Record<string, never>;
  create_room: CreateRoomPayload;
  invite: InvitePayload;
  create_invite: CreateInvitePayload;
  join_room: JoinRoomPayload;
  room_join: JoinRoomPayload;
  leave_room: LeaveRoomPayload;
  send_message: SendMessagePayload;
  message_delivered: MessageDeliveredPayload;
  message_read: MessageReadPayload;
  mark_read: MarkReadPayload;
  edit_message: EditMessagePayload;
  delete_message: DeleteMessagePayload;
  typing: TypingPayload;
  stop_typing: TypingPayload;
  wallet_event: WalletEventPayload;
  request_presence_snapshot: RequestPresenceSnapshotPayload;
  set_presence: SetPresencePayload;
  history: HistoryRequestPayload;
  pong: Record<string, never>;
}

// ---- server → client payloads ----

export interface ConnectionEstablished { clientId: string; challenge: string; challengeExpiresAt: number }
export interface Challenge { challenge: string; expiresAt: number }
export interface AuthOk {
  userId: string;
  displayName: string;
  avatarUrl: string | null;
  token: string;
  tokenExpiresAt: number;
  walletVerified: boolean;
  walletAddress: string | null;
}
export interface RoomCreated { roomId: string; name: string; private: boolean; ownerId: string }
export interface MemberInvited { roomId: string; userId: string; walletAddress: string | null }
export interface InviteCode { roomId: string; inviteCode: string; expiresAt: number }
export interface UserPresence { userId: string; displayName: string; walletAddress: string | null; status: PresenceStatus; lastSeen: number }
export interface PresenceSnapshot { roomId?: string; users: UserPresence[] }
export interface RoomJoin { userId: string; roomId: string; displayName: string }
export interface RoomLeave { userId: string; roomId: string }
export interface Receipt { userId: string; status: 'delivered' | 'read'; deliveredAt?: number | null; readAt?: number | null }
export interface ChatMessage {
  id: string;
  seq: number;
  roomId: string;
  userId: string;
  displayName: string;
  avatarUrl: string | null;
  content: string;
  createdAt: number;
  clientMessageId: string | null;
  editedAt?: number;
  deleted?: boolean;
  status: MessageStatus;
  /** In history, on the requester's own messages (reliable-delivery servers). */
  receipts?: Receipt[];
}
export interface MessageAck { clientMessageId: string | null; messageId: string; seq: number; status: 'sent'; duplicate: boolean }
export interface MessageStatusUpdate { messageId: string; roomId: string; userId: string; status: 'delivered' | 'read'; messageStatus: MessageStatus }
export interface MessageEdit { messageId: string; userId: string; roomId: string; content: string; editedAt: number }
export interface MessageDeleted { messageId: string; userId: string; roomId: string; deletedAt: number }
export interface MessageReadReceipt { messageId: string; userId: string; displayName: string; readAt: number; roomId: string }
export interface UserTyping { roomId: string; userId: string; displayName: string }
export interface UserStopTyping { roomId: string; userId: string }
export interface WalletChange { userId: string; walletAddress: string }
export interface History {
  roomId: string;
  messages: ChatMessage[];
  hasMore: boolean;
  /** Present on the history a join with sinceSeq brings: false when capped (page on with afterSeq). */
  recovered?: boolean;
  /** Messages at or below sinceSeq edited or deleted meanwhile (apply by id). */
  changed?: ChatMessage[];
}
export interface ServerError { code: ErrorCode; message: string; ref?: string }
export type Notification = Record<string, unknown>;

export interface ServerEvents {
  connection_established: ConnectionEstablished;
  challenge: Challenge;
  auth_ok: AuthOk;
  room_created: RoomCreated;
  member_invited: MemberInvited;
  invite_code: InviteCode;
  presence_update: UserPresence;
  presence_snapshot: PresenceSnapshot;
  room_join: RoomJoin;
  room_leave: RoomLeave;
  message: ChatMessage;
  message_ack: MessageAck;
  message_status_update: MessageStatusUpdate;
  message_edit: MessageEdit;
  message_deleted: MessageDeleted;
  message_read_receipt: MessageReadReceipt;
  user_typing: UserTyping;
  user_stop_typing: UserStopTyping;
  wallet_connect: WalletChange;
  wallet_disconnect: WalletChange;
  notification: Notification;
  history: History;
  error: ServerError;
}

/** Events the client raises itself. */
export interface ClientLocalEvents {
  state: { state: ConnectionStateValue; previous: ConnectionStateValue };
  auth: AuthOk;
  reconnect_scheduled: { attempt: number; delayMs: number };
  reconnect_failed: { attempts: number };
  /** After a reconnect: re-authenticated, rooms joined again and caught up, queued sends flushed. */
  recovered: { rooms: string[] };
  queued: { roomId: string; clientMessageId: string; queued: number };
  client_error: { roomId?: string; error: ChatError };
}

export type EventMap = ServerEvents & ClientLocalEvents;
export type Unsubscribe = () => void;

export interface ReconnectOptions {
  /** First delay, default 1000 ms. */
  initialDelayMs?: number;
  /** Cap, default 30000 ms. */
  maxDelayMs?: number;
  /** Default 5; Infinity retries for ever. */
  maxAttempts?: number;
}

/** Proves a Stellar wallet on every connection: sign() gets that connection's challenge. */
export interface WalletSigner {
  address: string;
  /** Returns the Ed25519 signature of the challenge (raw or SEP-53 form, e.g. a wallet kit's signMessage), hex or base64. */
  sign(challenge: string): Promise<string>;
}

export interface Identity { displayName: string; avatarUrl?: string | null; token?: string; wallet?: WalletSigner | null }

export interface ClientOptions {
  /** Default: `../ws` relative to the module, ws: or wss: like the page. */
  url?: string;
  displayName?: string;
  avatarUrl?: string | null;
  /** A token from an earlier auth_ok: resumes that user. */
  token?: string;
  /** Prove this wallet on every connection (the wallet is then the user's identity). */
  wallet?: WalletSigner;
  reconnect?: ReconnectOptions;
  /** Timeout of requests and sends awaiting a reply, default 10000 ms. */
  requestTimeoutMs?: number;
  /** Sends kept while offline, default 100; beyond it sendMessage rejects with QUEUE_FULL. */
  offlineQueueLimit?: number;
  /** A WebSocket constructor (e.g. from the `ws` package in old Node versions). Default: globalThis.WebSocket. */
  WebSocket?: typeof WebSocket;
}

export interface Session { userId: string; displayName: string; token: string; tokenExpiresAt: number }

export declare class ChatError extends Error {
  constructor(code: ErrorCode | ClientErrorCode, message: string, ref?: string);
  readonly code: ErrorCode | ClientErrorCode;
  readonly ref?: string;
}

export declare function backoffDelay(attempt: number, options?: ReconnectOptions & { random?: () => number }): number;
export declare function defaultSocketUrl(moduleUrl?: string): string;
export declare function randomId(): string;

export declare class AnonChatClient {
  constructor(options?: ClientOptions);
  readonly state: ConnectionStateValue;
  readonly userId: string | null;
  readonly displayName: string | null;
  readonly token: string | null;
  readonly clientId: string | null;

  on<K extends keyof EventMap>(type: K, handler: (payload: EventMap[K], frame: Frame<K, EventMap[K]>) => void): Unsubscribe;
  on(type: '*', handler: (payload: unknown, frame: Frame) => void): Unsubscribe;

  /** Resolves once the socket is open and authenticated. */
  connect(identity?: Identity): Promise<Session>;
  disconnect(): void;
  /** Reconnects at once (also after giving up), unless disconnect() was called. */
  retryNow(): void;

  /** Authenticates again on the open connection; with a wallet, asks for a fresh challenge and signs it. */
  authenticate(identity: Identity): Promise<AuthOk>;
  requestChallenge(): Promise<Challenge>;
  /** Proves a wallet on this connection with a signature of its current challenge; not repeated on reconnect. */
  proveWallet(walletAddress: string, signature: string): Promise<AuthOk>;
  createRoom(roomId: string, options?: { name?: string; isPrivate?: boolean }): Promise<RoomCreated>;
  invite(roomId: string, who: { userId: string } | { walletAddress: string }): Promise<MemberInvited>;
  createInvite(roomId: string): Promise<InviteCode>;
  /** Joins (with an invite code for a private room); rejoins after a reconnect with sinceSeq. */
  joinRoom(roomId: string, options?: { inviteCode?: string }): Promise<RoomJoin>;
  leaveRoom(roomId: string): Promise<void>;
  sendMessage(roomId: string, content: string, options?: { clientMessageId?: string; timeoutMs?: number }): Promise<MessageAck>;
  markDelivered(roomId: string, messageId: string): Promise<void>;
  markRead(roomId: string, messageIds: string | string[]): Promise<void>;
  typing(roomId: string): Promise<void>;
  stopTyping(roomId: string): Promise<void>;
  setPresence(status: 'online' | 'away'): Promise<void>;
  walletEvent(action: 'connect' | 'disconnect', walletAddress: string): Promise<void>;
  requestPresenceSnapshot(roomId?: string): Promise<PresenceSnapshot>;
  history(roomId: string, options?: { beforeSeq?: number; afterSeq?: number; limit?: number }): Promise<History>;
  editMessage(roomId: string, messageId: string, content: string): Promise<void>;
  deleteMessage(roomId: string, messageId: string): Promise<void>;
  pong(): Promise<void>;

  /** Sends any frame; false when not connected. */
  send<K extends keyof ClientEvents>(type: K, payload: ClientEvents[K], ref?: string): boolean;
  /** Sends a frame with a fresh ref and settles on the reply carrying it (or the error, or a timeout). */
  request<K extends keyof ClientEvents, R extends keyof ServerEvents>(type: K, payload: ClientEvents[K], replyType: R, timeoutMs?: number): Promise<ServerEvents[R]>;
  /** Sends waiting for a connection, oldest first. */
  queuedMessages(): Array<{ roomId: string; content: string; clientMessageId: string }>;
}
