package org.anonchat.realtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every configuration key the code reads is in the README's table, so operators can find it. */
class ConfigurationDocsTest {

  private static final Pattern KEY = Pattern.compile("\"(chat\\.[a-z][a-z0-9.-]*)\"");

  @Test
  void readmeDocumentsEveryConfigurationKey() throws IOException {
    Set<String> keys = new TreeSet<>();
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : (Iterable<Path>) sources.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Matcher m = KEY.matcher(Files.readString(source));
        while (m.find()) keys.add(m.group(1));
      }
    }
    keys.remove("chat.connectionId"); // a session property name, not configuration
    assertTrue(keys.size() >= 15, "found the keys: " + keys);
    String readme = Files.readString(Path.of("README.md"));
    for (String key : keys) {
      assertTrue(readme.contains("| `" + key + "` |"), "README configuration table lacks " + key);
    }
  }
}
