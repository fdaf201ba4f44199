package org.anonchat.realtime.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * A proven Stellar wallet and the user it is. Stored, so the same wallet is the same user on every
 * connection and after restarts; one wallet per user and one user per wallet.
 */
@Entity
@Table(name = "WALLET_ACCOUNT", uniqueConstraints = @UniqueConstraint(name = "UQ_WALLET_USER", columnNames = "USER_ID"))
@NamedQuery(name = WalletAccount.BY_USER, query = "SELECT w FROM WalletAccount w WHERE w.userId = :userId")
public class WalletAccount {

  public static final String BY_USER = "WalletAccount.byUser";

  @Id
  @Column(name = "WALLET_ADDRESS", length = 56)
  private String walletAddress;

  @Column(name = "USER_ID", nullable = false, length = 64)
  private String userId;

  private long createdAt;

  protected WalletAccount() {}

  public WalletAccount(String walletAddress, String userId, long createdAt) {
    this.walletAddress = walletAddress;
    this.userId = userId;
    this.createdAt = createdAt;
  }

  public String walletAddress() {
    return walletAddress;
  }

  public String userId() {
    return userId;
  }
}
