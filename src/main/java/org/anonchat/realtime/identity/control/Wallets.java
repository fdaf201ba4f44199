package org.anonchat.realtime.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import org.anonchat.realtime.identity.entity.WalletAccount;

/** The stored wallet-to-user bindings. Each public method is one transaction. */
@ApplicationScoped
@Transactional
public class Wallets {

  @PersistenceContext(unitName = "chat")
  EntityManager em;

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<String> userOf(String walletAddress) {
    WalletAccount account = em.find(WalletAccount.class, walletAddress);
    return account == null ? Optional.empty() : Optional.of(account.userId());
  }

  /**
   * The user this wallet is, binding it first if it is new: to {@code preferredUserId} (the anonymous user
   * the client resumed, so their rooms and messages stay theirs) unless that user already has a wallet,
   * otherwise to a fresh user id. Two first proofs of one wallet at once: one commit fails on the primary
   * key, and its caller reads the winner's binding ({@link Identities}).
   */
  public String bind(String walletAddress, String preferredUserId) {
    WalletAccount existing = em.find(WalletAccount.class, walletAddress);
    if (existing != null) return existing.userId();
    String userId = preferredUserId != null && isFree(preferredUserId) ? preferredUserId : "u-" + UUID.randomUUID();
    em.persist(new WalletAccount(walletAddress, userId, System.currentTimeMillis()));
    return userId;
  }

  private boolean isFree(String userId) {
    return em.createNamedQuery(WalletAccount.BY_USER, WalletAccount.class).setParameter("userId", userId)
        .setMaxResults(1).getResultList().isEmpty();
  }
}
