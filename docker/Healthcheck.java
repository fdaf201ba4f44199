import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The image's HEALTHCHECK: exit 0 when /health/ready answers 200. Run as a single-file program
 * ({@code java Healthcheck.java}) because the base image ships a JDK but no curl or wget.
 */
public class Healthcheck {
  public static void main(String[] args) throws Exception {
    String port = System.getenv().getOrDefault("CHAT_HTTP_PORT", "8080");
    HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.discarding());
    System.exit(response.statusCode() == 200 ? 0 : 1);
  }
}
