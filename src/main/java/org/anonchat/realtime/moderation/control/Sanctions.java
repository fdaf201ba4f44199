package org.anonchat.realtime.moderation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.anonchat.realtime.moderation.entity.Sanction;
import org.anonchat.realtime.moderation.entity.UserSanctioned;

/**
 * Mutes and bans in force. One sanction per user: a ban replaces a mute and vice versa. Expired ones are
 * dropped when looked at, so the map never outgrows the number of users sanctioned recently.
 */
@ApplicationScoped
public class Sanctions {

  private static final Logger LOG = Logger.getLogger(Sanctions.class.getName());
  public static final Duration LONGEST = Duration.ofDays(3650);

  private final Map<String, Sanction> byUser = new ConcurrentHashMap<>();

  @Inject
  Event<UserSanctioned> sanctioned;

  public Sanction impose(String userId, Sanction.Kind kind, Duration duration, String reason) {
    Sanction sanction = new Sanction(userId, kind, System.currentTimeMillis() + duration.toMillis(), reason);
    byUser.put(userId, sanction);
    LOG.info(() -> kind + " of user " + userId + " for " + duration);
    sanctioned.fire(new UserSanctioned(sanction));
    return sanction;
  }

  /** Lifts whatever sanction the user has; false if there was none in force. */
  public boolean lift(String userId) {
    Sanction removed = byUser.remove(userId);
    return removed != null && removed.activeAt(System.currentTimeMillis());
  }

  public Optional<Sanction> of(String userId) {
    Sanction s = byUser.get(userId);
    if (s == null) return Optional.empty();
    if (s.activeAt(System.currentTimeMillis())) return Optional.of(s);
    byUser.remove(userId, s);
    return Optional.empty();
  }

  public boolean isBanned(String userId) {
    return of(userId).filter(s -> s.kind() == Sanction.Kind.BAN).isPresent();
  }

  /** Muted or banned: either way the user may not post. */
  public Optional<Sanction> silencing(String userId) {
    return of(userId);
  }

  public List<Sanction> inForce() {
    long now = System.currentTimeMillis();
    List<Sanction> list = new ArrayList<>();
    byUser.values().forEach(s -> {
      if (s.activeAt(now)) list.add(s);
    });
    return list;
  }
}
