// Types for realtime-chat.js.
import type { AnonChatClient, ChatMessage, ConnectionStateValue, MessageAck, PresenceStatus } from './anonchat-client';

export type RowStatus = 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

/** A message as the room shows it: stored ones have id and seq; an optimistic one has neither yet. */
export interface ChatRow extends Omit<ChatMessage, 'id' | 'seq' | 'status'> {
  id: string | null;
  seq: number | null;
  status: RowStatus;
  error?: { code: string; message: string };
}

export interface TypingUser { userId: string; displayName: string; expiresAt: number }
export interface Member { userId: string; displayName: string; status: PresenceStatus }

export interface ChatState {
  roomId: string;
  selfId: string | null;
  /** Stored messages in seq order, then unsent ones in the order they were written. */
  messages: ChatRow[];
  typing: TypingUser[];
  members: Member[];
  connection: ConnectionStateValue;
  hasOlder: boolean;
  loadingOlder: boolean;
  error: { code: string; message: string } | null;
  now: number;
}

export type ChatAction =
  | { type: 'self'; userId: string }
  | { type: 'connection'; state: ConnectionStateValue }
  | { type: 'optimistic'; clientMessageId: string; content: string; displayName: string; createdAt: number }
  | { type: 'ack'; clientMessageId: string; messageId: string; seq: number }
  | { type: 'resending'; clientMessageId: string }
  | { type: 'failed'; clientMessageId: string; error: { code: string; message: string } }
  | { type: 'messages'; messages: ChatMessage[] }
  | { type: 'status'; messageId: string; status: 'sent' | 'delivered' | 'read' }
  | { type: 'edited'; messageId: string; content: string; editedAt: number }
  | { type: 'deleted'; messageId: string }
  | { type: 'older'; hasMore: boolean }
  | { type: 'loadingOlder'; loading: boolean }
  | { type: 'typing'; userId: string; displayName: string; now: number; ttlMs: number }
  | { type: 'stopTyping'; userId: string }
  | { type: 'tick'; now: number }
  | { type: 'joined'; userId: string; displayName: string }
  | { type: 'left'; userId: string }
  | { type: 'presence'; user: { userId: string; displayName: string; status: PresenceStatus } }
  | { type: 'snapshot'; users: Array<{ userId: string; displayName: string; status: PresenceStatus }> }
  | { type: 'error'; error: { code: string; message: string } | null };

export declare function chatReducer(state: ChatState, action: ChatAction): ChatState;
export declare function initialChatState(roomId: string, options?: { selfId?: string | null; now?: number }): ChatState;
export declare function laterStatus(a: RowStatus | undefined, b: RowStatus | undefined): RowStatus;

export interface RealtimeChatOptions {
  /** Local expiry of a typing indicator whose user_stop_typing got lost, default 10000 ms. */
  typingTtlMs?: number;
  /** `typing` is sent at most this often while keys are pressed, default 2000 ms. */
  typingRefreshMs?: number;
  /** `stop_typing` after this long without a key, default 3000 ms. */
  typingIdleMs?: number;
  /** Messages per history page, default 50. */
  pageSize?: number;
}

export interface RealtimeChat {
  /** Settles once the room is joined and the newest page is loaded. */
  readonly ready: Promise<void>;
  getState(): ChatState;
  subscribe(listener: (state: ChatState) => void): () => void;
  send(content: string, options?: { clientMessageId?: string }): Promise<MessageAck>;
  retry(clientMessageId: string): Promise<MessageAck | null>;
  edit(messageId: string, content: string): Promise<void>;
  delete(messageId: string): Promise<void>;
  typing(): void;
  stopTyping(): void;
  markRead(messageIds: string[]): void;
  loadOlder(): Promise<boolean>;
  dismissError(): void;
  close(): Promise<void>;
}

export declare function createRealtimeChat(client: AnonChatClient, roomId: string, options?: RealtimeChatOptions): RealtimeChat;
