package org.anonchat.realtime.rooms.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import org.anonchat.realtime.rooms.entity.InviteCode;
import org.anonchat.realtime.rooms.entity.RoomDefinition;
import org.anonchat.realtime.rooms.entity.RoomMember;
import org.anonchat.realtime.rooms.entity.RoomRefused;
import org.anonchat.realtime.rooms.entity.RoomRefused.Reason;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may join which room: created rooms, their owners, the members admitted to private ones and invite
 * codes, all stored. A room id with no definition is an open public room, as in the original. Each public
 * method is one transaction; refusals are {@link RoomRefused}.
 */
@ApplicationScoped
@Transactional
public class RoomAccess {

  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext(unitName = "chat")
  EntityManager em;

  @Inject
  @ConfigProperty(name = "chat.rooms.invite-code-ttl-ms", defaultValue = "86400000")
  long inviteCodeTtlMillis;

  @Inject OpenRooms openRooms;

  @Resource TransactionSynchronizationRegistry transactions;

  @Transactional(Transactional.TxType.SUPPORTS)
  public RoomDefinition definition(String roomId) {
    return em.find(RoomDefinition.class, roomId);
  }

  /** Defines a room owned by {@code ownerId}; EXISTS if it is defined already. The owner is a member. */
  public RoomDefinition create(String roomId, String name, boolean isPrivate, String ownerId) {
    if (em.find(RoomDefinition.class, roomId) != null) throw new RoomRefused(Reason.EXISTS, "room " + roomId + " exists");
    long now = System.currentTimeMillis();
    RoomDefinition room = new RoomDefinition(roomId, name, isPrivate, ownerId, now);
    forgetOpenWhenCommitted(roomId);
    em.persist(room);
    em.persist(new RoomMember(roomId, ownerId, now));
    return room;
  }

  /**
   * Passes if the user may join: the room is public, or the user is its owner or an admitted member, or
   * {@code inviteCode} is a live code for this room (the user is then admitted for good). FORBIDDEN otherwise.
   * Returns whether the room is open to everyone (undefined or public), for {@link OpenRooms}.
   */
  public boolean checkJoin(String roomId, String userId, String inviteCode) {
    RoomDefinition room = em.find(RoomDefinition.class, roomId);
    if (room == null || !room.isPrivate()) return true;
    if (isAdmitted(roomId, userId)) return false;
    long now = System.currentTimeMillis();
    InviteCode code = inviteCode == null ? null : em.find(InviteCode.class, inviteCode);
    if (code == null || !code.admits(roomId, now)) {
      throw new RoomRefused(Reason.FORBIDDEN, inviteCode == null
          ? "room " + roomId + " is private; ask its owner for an invite"
          : "the invite code is unknown, expired or for another room");
    }
    em.persist(new RoomMember(roomId, userId, now));
    return false;
  }

  /**
   * An operator makes a room private (admin API): stored like a private room a user created, so it stays
   * private across restarts and invites and invite codes work as for any private room. A room nobody defined
   * yet gets {@code operatorId} as its owner; a defined one keeps its owner and members. {@code admitted}
   * become members.
   */
  public RoomDefinition makePrivateByOperator(String roomId, String operatorId, Collection<String> admitted) {
    long now = System.currentTimeMillis();
    forgetOpenWhenCommitted(roomId);
    RoomDefinition room = em.find(RoomDefinition.class, roomId);
    if (room == null) {
      room = new RoomDefinition(roomId, roomId, true, operatorId, now);
      em.persist(room);
    } else {
      room.makePrivate();
    }
    for (String userId : admitted) {
      if (!isAdmitted(roomId, userId)) em.persist(new RoomMember(roomId, userId, now));
    }
    return room;
  }

  /** The owner admits a user to the room (idempotent). */
  public void invite(String roomId, String ownerId, String userId) {
    ownedBy(roomId, ownerId);
    if (!isAdmitted(roomId, userId)) em.persist(new RoomMember(roomId, userId, System.currentTimeMillis()));
  }

  /** The owner gets a fresh code for the room, valid for {@code chat.rooms.invite-code-ttl-ms}. */
  public InviteCode createCode(String roomId, String ownerId) {
    ownedBy(roomId, ownerId);
    long now = System.currentTimeMillis();
    em.createNamedQuery(InviteCode.DELETE_EXPIRED).setParameter("now", now).executeUpdate();
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    InviteCode code = new InviteCode(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), roomId, ownerId,
        now + inviteCodeTtlMillis);
    em.persist(code);
    return code;
  }

  private RoomDefinition ownedBy(String roomId, String userId) {
    RoomDefinition room = em.find(RoomDefinition.class, roomId);
    if (room == null) throw new RoomRefused(Reason.NOT_FOUND, "room " + roomId + " was never created");
    if (!room.isOwner(userId)) throw new RoomRefused(Reason.FORBIDDEN, "only the owner of room " + roomId + " may invite");
    return room;
  }

  /**
   * This transaction may close the room to some users: it leaves {@link OpenRooms} now, and again once the
   * transaction has ended, so that a join that read the room's old definition meanwhile is not remembered.
   */
  private void forgetOpenWhenCommitted(String roomId) {
    openRooms.forget(roomId);
    transactions.registerInterposedSynchronization(new Synchronization() {
      @Override
      public void beforeCompletion() {}

      @Override
      public void afterCompletion(int status) {
        openRooms.forget(roomId);
      }
    });
  }

  private boolean isAdmitted(String roomId, String userId) {
    return em.find(RoomMember.class, new RoomMember.Key(roomId, userId)) != null;
  }
}
