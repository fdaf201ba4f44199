package org.anonchat.realtime.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.anonchat.realtime.identity.control.Identities;

/**
 * Who is calling, for every HTTP request (Jakarta Security). Three ways, checked in order:
 *
 * <ol>
 *   <li>an admin session (made by {@code POST /api/admin/session}; the dashboard uses it);
 *   <li>{@code Authorization: Basic} with the admin's name and password (scripts), rate limited by
 *       {@link LoginThrottle} like the login;
 *   <li>{@code Authorization: Bearer} with a chat identity token: a chat user, without the admin role.
 * </ol>
 *
 * This mechanism only establishes the caller; it never refuses a request by itself. Which paths need the
 * admin role, and the CSRF rule, are enforced by {@code AdminGuard} (docs/admin.md).
 */
@ApplicationScoped
public class AdminAuthentication implements HttpAuthenticationMechanism {

  /** Session attribute holding the admin's name once logged in. */
  public static final String SESSION_USER = "admin.user";
  /** Session attribute holding the session's CSRF token. */
  public static final String SESSION_CSRF = "admin.csrf";
  /** Request attribute naming how the caller was authenticated: session, basic or bearer. */
  public static final String VIA = "admin.via";
  /** Request attribute set when a Basic login was refused by the throttle: seconds to wait. */
  public static final String THROTTLED = "admin.throttled";
  /** Request attribute set when Basic credentials were presented but wrong. */
  public static final String REJECTED = "admin.rejected";

  @Inject IdentityStoreHandler identityStores;
  @Inject LoginThrottle throttle;
  @Inject Identities identities;

  @Override
  public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
      HttpMessageContext context) {
    HttpSession session = request.getSession(false);
    Object admin = session == null ? null : session.getAttribute(SESSION_USER);
    if (admin instanceof String name) {
      request.setAttribute(VIA, "session");
      return context.notifyContainerAboutLogin(name, Set.of(AdminIdentityStore.ADMIN_ROLE));
    }
    String authorization = request.getHeader("Authorization");
    if (authorization == null) return context.doNothing();
    if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) return basic(request, context, authorization.substring(6).strip());
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      Optional<String> user = identities.userOf(authorization.substring(7).strip());
      if (user.isEmpty()) {
        request.setAttribute(REJECTED, Boolean.TRUE);
        return context.doNothing();
      }
      request.setAttribute(VIA, "bearer");
      return context.notifyContainerAboutLogin(user.get(), Set.of());
    }
    return context.doNothing();
  }

  private AuthenticationStatus basic(HttpServletRequest request, HttpMessageContext context, String encoded) {
    String address = request.getRemoteAddr();
    long now = System.currentTimeMillis();
    Duration wait = throttle.retryAfter(address, now);
    if (!wait.isZero()) {
      request.setAttribute(THROTTLED, wait.toSeconds());
      return context.doNothing();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      decoded = "";
    }
    int colon = decoded.indexOf(':');
    CredentialValidationResult result = colon < 0 ? CredentialValidationResult.INVALID_RESULT
        : identityStores.validate(new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      throttle.failed(address, now);
      request.setAttribute(REJECTED, Boolean.TRUE);
      return context.doNothing();
    }
    throttle.succeeded(address);
    request.setAttribute(VIA, "basic");
    return context.notifyContainerAboutLogin(result);
  }
}
