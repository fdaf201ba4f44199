package org.anonchat.realtime.health.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the database answers: a chat that cannot store messages must not take traffic. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  static final int TIMEOUT_SECONDS = 2;

  @Resource(lookup = "java:global/jdbc/anonchat")
  DataSource dataSource;

  @Override
  public HealthCheckResponse call() {
    return check(dataSource);
  }

  static HealthCheckResponse check(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      boolean valid = connection.isValid(TIMEOUT_SECONDS);
      return HealthCheckResponse.named("database").status(valid).build();
    } catch (SQLException | RuntimeException e) {
      return HealthCheckResponse.named("database").down().withData("error", e.getClass().getSimpleName()).build();
    }
  }
}
