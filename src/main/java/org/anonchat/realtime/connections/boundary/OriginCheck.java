package org.anonchat.realtime.connections.boundary;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Cross-site WebSocket hijacking guard: a handshake to {@code /ws} whose {@code Origin} is not allowed is
 * answered 403 before the upgrade. Allowed: the server's own origin (the Origin's host and port equal the
 * request's Host), localhost (unless {@code chat.origins.allow-localhost=false}), and the origins listed in
 * {@code chat.origins.allowed} ({@code *} allows any). A request without Origin passes: browsers always
 * send one on a WebSocket handshake, so its absence means a non-browser client, which no page can drive.
 *
 * <p>A servlet filter rather than {@code ServerEndpointConfig.Configurator.checkOrigin}: that method sees the
 * Origin alone, and "the server's own origin" needs the Host header too. The container's WebSocket filter is
 * registered to run after the application's filters, so this one decides first.
 */
@WebFilter(urlPatterns = "/ws", asyncSupported = true)
public class OriginCheck implements Filter {

  private static final Logger LOG = Logger.getLogger(OriginCheck.class.getName());
  private static final List<String> LOCAL_HOSTS = List.of("localhost", "127.0.0.1", "[::1]");

  private OriginPolicy policy;

  @Override
  public void init(FilterConfig config) {
    var mp = ConfigProvider.getConfig();
    policy = new OriginPolicy(
        mp.getOptionalValue("chat.origins.allowed", String.class).orElse(""),
        mp.getOptionalValue("chat.origins.allow-localhost", Boolean.class).orElse(true));
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    String origin = http.getHeader("Origin");
    if (origin == null || policy.allows(origin, http.getHeader("Host"))) {
      chain.doFilter(request, response);
      return;
    }
    LOG.fine(() -> "Refused a WebSocket handshake from origin " + origin);
    ((HttpServletResponse) response).sendError(HttpServletResponse.SC_FORBIDDEN, "origin not allowed");
  }

  /** The allow-list; pure, so it is unit tested. */
  record OriginPolicy(List<String> allowed, boolean anyOrigin, boolean allowLocalhost) {

    OriginPolicy(String configured, boolean allowLocalhost) {
      this(List.of(configured.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty())
          .map(OriginPolicy::normalise).toList(), configured.strip().equals("*"), allowLocalhost);
    }

    boolean allows(String origin, String host) {
      if (anyOrigin) return true;
      String normalised = normalise(origin);
      if (allowed.contains(normalised)) return true;
      URI uri;
      try {
        uri = URI.create(normalised);
      } catch (IllegalArgumentException e) {
        return false; // "null" (sandboxed frames, file:) and garbage
      }
      if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) return false;
      String authority = uri.getRawAuthority();
      if (host != null && authority.equalsIgnoreCase(stripDefaultPort(host, uri.getScheme()))) return true;
      return allowLocalhost && LOCAL_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }

    /** Lower case, no trailing slash, default port dropped: how browsers serialise an origin. */
    static String normalise(String origin) {
      String o = origin.strip().toLowerCase(Locale.ROOT);
      if (o.endsWith("/")) o = o.substring(0, o.length() - 1);
      if (o.startsWith("http://") && o.endsWith(":80")) o = o.substring(0, o.length() - 3);
      if (o.startsWith("https://") && o.endsWith(":443")) o = o.substring(0, o.length() - 4);
      return o;
    }

    private static String stripDefaultPort(String host, String scheme) {
      String h = host.strip().toLowerCase(Locale.ROOT);
      if (scheme.equals("http") && h.endsWith(":80")) return h.substring(0, h.length() - 3);
      if (scheme.equals("https") && h.endsWith(":443")) return h.substring(0, h.length() - 4);
      return h;
    }
  }
}
