package org.anonchat.realtime.persistence.control;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The {@code java:global/jdbc/anonchat} data source (declared in web.xml; the server pools its connections).
 *
 * <p>Why a class of our own instead of the driver's: a standard data-source declaration cannot read
 * MicroProfile Config, and server-specific placeholders would tie the WAR to one server. This class asks
 * the configuration for {@code chat.jdbc.url/user/password} and picks the JDBC driver in the WAR that
 * accepts the URL, so pointing the app at PostgreSQL is a URL plus a driver jar.
 */
public class ConfiguredDataSource implements DataSource {

  private volatile Target target;
  private PrintWriter logWriter;
  private int loginTimeout;

  @Override
  public Connection getConnection() throws SQLException {
    Target t = target();
    return connect(t, t.user(), t.password());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return connect(target(), user, password);
  }

  private static Connection connect(Target t, String user, String password) throws SQLException {
    Properties props = new Properties();
    if (user != null) props.setProperty("user", user);
    if (password != null) props.setProperty("password", password);
    Connection connection = t.driver().connect(t.url(), props);
    if (connection == null) throw new SQLException("Driver refused URL " + t.url());
    return connection;
  }

  private Target target() throws SQLException {
    Target t = target;
    if (t == null) {
      synchronized (this) {
        if (target == null) target = Target.fromConfig();
        t = target;
      }
    }
    return t;
  }

  /** Where and how to connect, read once from configuration. */
  record Target(Driver driver, String url, String user, String password) {

    static Target fromConfig() throws SQLException {
      ClassLoader loader = ConfiguredDataSource.class.getClassLoader();
      Config config = ConfigProvider.getConfig(loader);
      String url = config.getOptionalValue("chat.jdbc.url", String.class)
          .orElseGet(() -> defaultH2Url(DataFolder.resolve(config)));
      String user = config.getOptionalValue("chat.jdbc.user", String.class).orElse("");
      String password = config.getOptionalValue("chat.jdbc.password", String.class).orElse("");
      return new Target(driverFor(url, loader), url, user, password);
    }

    /**
     * An H2 file database in the data folder. WRITE_DELAY=0 writes each commit to the file before the
     * commit returns, so an acknowledged message survives a killed process (H2's default waits 500 ms).
     */
    static String defaultH2Url(Path dataFolder) {
      try {
        Files.createDirectories(dataFolder);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("Cannot create data folder " + dataFolder, e);
      }
      return "jdbc:h2:file:" + dataFolder.resolve("anonchat") + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=64";
    }

    static Driver driverFor(String url, ClassLoader loader) throws SQLException {
      for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
        if (driver.acceptsURL(url)) return driver;
      }
      throw new SQLException("No JDBC driver in the application accepts " + url);
    }
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) return iface.cast(this);
    throw new SQLException("Not a wrapper of " + iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
