package org.anonchat.realtime.connections.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.anonchat.realtime.connections.entity.ClientCommand;
import org.anonchat.realtime.connections.entity.ErrorCode;
import org.anonchat.realtime.connections.entity.MessageView;
import org.anonchat.realtime.connections.entity.ReceiptView;
import org.anonchat.realtime.connections.entity.ProtocolException;
import org.anonchat.realtime.connections.entity.ServerEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Keeps docs/protocol.md and the AsyncAPI document honest: client examples decode with the server's codec,
 * server examples have exactly the fields the server's encoder writes, and every type the code knows is
 * documented. Direction is taken from the enclosing "## Client → server" / "## Server → client" section,
 * because {@code room_join} and {@code history} exist in both directions.
 */
class ProtocolDocsTest {

  private static final Path DOC = Path.of("docs/protocol.md");
  private static final Path ASYNCAPI = Path.of("src/main/webapp/asyncapi.yaml");
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Set<String> ENVELOPE_KEYS = Set.of("type", "payload", "timestamp", "ref");

  enum Direction { CLIENT, SERVER }

  /** One ```json block: where it is, which section it sits in, and its text. */
  record Example(int line, String section, String heading, String text) {
    String where() {
      return "example at docs/protocol.md:" + line + " (" + heading + ")";
    }
  }

  private static String doc;
  private static List<Example> examples;

  @BeforeAll
  static void readDoc() {
    doc = read(DOC);
    examples = examples(doc.lines().toList());
  }

  @Test
  void everyExampleIsOneLineWithOneJsonEnvelope() {
    assertFalse(examples.isEmpty(), "docs/protocol.md has no ```json examples");
    assertAll(examples.stream().map(e -> () -> {
      assertEquals(1, e.text().lines().filter(l -> !l.isBlank()).count(), e.where() + ": must be exactly one line");
      JsonObject envelope = parse(e);
      assertTrue(ENVELOPE_KEYS.containsAll(envelope.keySet()),
          e.where() + ": unexpected top-level keys " + minus(envelope.keySet(), ENVELOPE_KEYS));
      assertTrue(envelope.get("type") instanceof JsonString, e.where() + ": type must be a string");
      assertTrue(envelope.get("payload") instanceof JsonObject, e.where() + ": payload must be an object");
      assertTrue(envelope.get("timestamp") instanceof JsonNumber n && n.isIntegral(),
          e.where() + ": timestamp must be an integer (epoch ms)");
      if (envelope.containsKey("ref")) assertTrue(envelope.get("ref") instanceof JsonString, e.where() + ": ref must be a string");
    }));
  }

  @Test
  void everyExampleSitsUnderTheHeadingOfItsType() {
    assertAll(examples.stream().map(e -> () -> assertTrue(e.heading().contains("`" + type(e) + "`"),
        e.where() + ": type " + type(e) + " is not the one its heading names")));
  }

  @Test
  void clientExamplesDecodeWithTheServersCodec() {
    assertAll(examples.stream().filter(e -> direction(e) == Direction.CLIENT).map(e -> () -> {
      String type = type(e);
      assertTrue(ClientCommand.TYPES.contains(type), e.where() + ": " + type + " is not a client type");
      ClientCommand command;
      try {
        command = Wire.decode(e.text().strip());
      } catch (ProtocolException rejected) {
        throw new AssertionError(e.where() + ": Wire.decode refused it: " + rejected.code() + " " + rejected.getMessage());
      }
      JsonValue ref = parse(e).get("ref");
      assertEquals(ref == null ? null : ((JsonString) ref).getString(), command.ref(), e.where() + ": ref not decoded");
    }));
  }

  @Test
  void serverExamplesHaveTheFieldsTheServerEncodes() {
    Map<String, ServerEvent> samples = samples();
    assertEquals(new TreeSet<>(ServerEvent.TYPES), new TreeSet<>(samples.keySet()), "one test sample per server type");
    assertAll(examples.stream().filter(e -> direction(e) == Direction.SERVER).map(e -> () -> {
      String type = type(e);
      assertTrue(ServerEvent.TYPES.contains(type), e.where() + ": " + type + " is not a server type");
      JsonObject example = parse(e);
      JsonObject encoded = parse(Wire.encode(samples.get(type), example.getJsonNumber("timestamp").longValue()));
      assertEquals(encoded.keySet(), example.keySet(), e.where() + ": top-level keys differ from the encoder's");
      List<String> problems = new ArrayList<>();
      sameShape("payload", encoded.get("payload"), example.get("payload"), problems);
      assertTrue(problems.isEmpty(), e.where() + ": payload differs from what the server encodes for " + type + ": " + problems);
    }));
  }

  @Test
  void everyTypeHasExactlyOneExample() {
    Map<Direction, Map<String, Long>> counts = new HashMap<>();
    for (Example e : examples) {
      counts.computeIfAbsent(direction(e), d -> new HashMap<>()).merge(type(e), 1L, Long::sum);
    }
    List<Executable> checks = new ArrayList<>();
    for (String type : ClientCommand.TYPES) {
      checks.add(() -> assertEquals(1L, counts.getOrDefault(Direction.CLIENT, Map.of()).getOrDefault(type, 0L),
          "client → server " + type + ": expected exactly one example"));
    }
    for (String type : ServerEvent.TYPES) {
      checks.add(() -> assertEquals(1L, counts.getOrDefault(Direction.SERVER, Map.of()).getOrDefault(type, 0L),
          "server → client " + type + ": expected exactly one example"));
    }
    assertAll(checks);
  }

  @Test
  void errorAndAckExamplesCarryRef() {
    assertAll(Stream.of("error", "message_ack").map(type -> () -> {
      List<Example> found = examples.stream().filter(e -> direction(e) == Direction.SERVER && type.equals(type(e))).toList();
      assertFalse(found.isEmpty(), "no example for server event " + type);
      for (Example e : found) {
        assertTrue(parse(e).get("ref") instanceof JsonString s && !s.getString().isEmpty(), e.where() + ": must carry a top-level ref");
      }
    }));
  }

  @Test
  void everyErrorCodeIsInTheErrorTable() {
    assertAll(Stream.of(ErrorCode.values()).map(code -> () -> assertTrue(
        doc.lines().anyMatch(l -> l.startsWith("| `" + code.name() + "` |")),
        "docs/protocol.md: error code " + code.name() + " has no row in the error codes table")));
  }

  @Test
  void everyDocumentedConfigKeyExistsInTheCode() {
    String sources = javaSources();
    Matcher m = Pattern.compile("`(chat\\.[a-z][a-z0-9-]*(?:\\.[a-z][a-z0-9-]*)+)`").matcher(doc);
    Set<String> keys = new LinkedHashSet<>();
    while (m.find()) keys.add(m.group(1));
    assertFalse(keys.isEmpty(), "docs/protocol.md names no chat.* configuration key");
    assertAll(keys.stream().map(key -> () -> assertTrue(sources.contains("\"" + key + "\""),
        "docs/protocol.md: configuration key " + key + " is not read anywhere in src/main/java")));
  }

  @Test
  void asyncApiIsVersion3AndListsEveryType() {
    String yaml = read(ASYNCAPI);
    String first = yaml.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElse("");
    assertTrue(first.matches("asyncapi: *(3\\.0\\.0|'3\\.0\\.0'|\"3\\.0\\.0\")\\s*"),
        "asyncapi.yaml must start with asyncapi: 3.0.0, starts with: " + first);
    Set<String> all = new LinkedHashSet<>(ClientCommand.TYPES);
    all.addAll(ServerEvent.TYPES);
    assertAll(all.stream().map(type -> () -> assertTrue(
        Pattern.compile("(?m)^\\s*name: *['\"]?" + Pattern.quote(type) + "['\"]?\\s*$").matcher(yaml).find(),
        "asyncapi.yaml: no message with name: " + type)));
  }

  // ---- samples: one per server type, shaped like the documented examples ----

  private static final String ADA = "u-5b1f0c52-3d4e-4f6a-8b9c-0d1e2f3a4b5c";
  private static final String BOB = "u-6e47289d-0ee8-4ce6-b792-040f4eeed145";
  private static final String MESSAGE_ID = "29bfed21-44c0-4e54-bdb3-8b665980c734";
  private static final String WALLET = "GBZXN7PIRZGNMHGA7MUUUF4GWPY5AYPV6LY4UV2GL6VJGIQRXFDNMADI";
  private static final String AVATAR = "https://example.org/ada.png";

  /** Optional fields follow the examples: a live message has no editedAt/deleted; history shows both kinds. */
  private static Map<String, ServerEvent> samples() {
    MessageView live = new MessageView(MESSAGE_ID, 42, "lobby", ADA, "Ada", AVATAR, "Hello, lobby!", 1L, "c-1", null, false, "sent", null);
    MessageView edited = new MessageView("m-40", 40, "lobby", BOB, "Bob", null, "Morning, all.", 1L, null, 2L, false, "read", null);
    MessageView deleted = new MessageView("m-41", 41, "lobby", ADA, "Ada", AVATAR, "", 1L, "c-2", null, true, "delivered", null);
    ServerEvent.UserPresence ada = new ServerEvent.UserPresence(ADA, "Ada", null, "online", 1L);
    ServerEvent.UserPresence bob = new ServerEvent.UserPresence(BOB, "Bob", null, "away", 1L);
    JsonObject notification = Json.createObjectBuilder().add("title", "Maintenance tonight").add("body", "At 22:00 UTC.").build();
    List<ServerEvent> all = List.of(
        new ServerEvent.ConnectionEstablished("06017cdb-585b-4af1-b969-a453043bff14", "challenge", 1L),
        new ServerEvent.Challenge("r6", "challenge", 1L),
        new ServerEvent.AuthOk("r1", ADA, "Ada", AVATAR, "v1.token", 1L, WALLET),
        new ServerEvent.RoomCreated("r7", "team-ada", "Ada's team", true, ADA),
        new ServerEvent.MemberInvited("r8", "team-ada", BOB, WALLET),
        new ServerEvent.InviteCode("r9", "team-ada", "Jq3xv0m8T2uWl4bN9sYkFA", 1L),
        new ServerEvent.PresenceUpdate(bob),
        new ServerEvent.PresenceSnapshot("r3", "lobby", List.of(ada, bob)),
        new ServerEvent.RoomJoin(ADA, "lobby", "Ada"),
        new ServerEvent.RoomLeave(ADA, "lobby"),
        new ServerEvent.Message(live),
        new ServerEvent.MessageAck("r2", "c-1", MESSAGE_ID, 42, "sent", false),
        new ServerEvent.MessageStatusUpdate(MESSAGE_ID, "lobby", BOB, "delivered", "delivered"),
        new ServerEvent.MessageEdit(MESSAGE_ID, ADA, "lobby", "Hello, everyone!", 1L),
        new ServerEvent.MessageDeleted(MESSAGE_ID, ADA, "lobby", 1L),
        new ServerEvent.MessageReadReceipt(MESSAGE_ID, BOB, "Bob", 1L, "lobby"),
        new ServerEvent.UserTyping("lobby", BOB, "Bob"),
        new ServerEvent.UserStopTyping("lobby", BOB),
        new ServerEvent.WalletConnect(ADA, WALLET),
        new ServerEvent.WalletDisconnect(ADA, WALLET),
        new ServerEvent.Notification(notification),
        new ServerEvent.History("r4", "lobby", List.of(edited, deleted.withReceipts(List.of(
            new ReceiptView(BOB, 1L, 2L)))), true, false, List.of(edited)),
        new ServerEvent.Error("r5", ErrorCode.NOT_A_MEMBER, "join room lobby first"));
    return all.stream().collect(Collectors.toMap(ServerEvent::type, Function.identity()));
  }

  // ---- comparison ----

  /**
   * Same keys at every level and the same JSON kinds (string, number, boolean, null, object, array). Each
   * element of an example array must match one of the encoder's elements.
   */
  static void sameShape(String path, JsonValue expected, JsonValue actual, List<String> problems) {
    String expectedKind = kind(expected);
    String actualKind = kind(actual);
    if (!expectedKind.equals(actualKind)) {
      problems.add(path + " is " + actualKind + ", the encoder writes " + expectedKind);
      return;
    }
    if (expected instanceof JsonObject e && actual instanceof JsonObject a) {
      Set<String> missing = minus(e.keySet(), a.keySet());
      Set<String> extra = minus(a.keySet(), e.keySet());
      if (!missing.isEmpty()) problems.add(path + " lacks " + missing);
      if (!extra.isEmpty()) problems.add(path + " has extra " + extra);
      for (String key : e.keySet()) {
        if (a.containsKey(key)) sameShape(path + "." + key, e.get(key), a.get(key), problems);
      }
    } else if (expected instanceof JsonArray e && actual instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        List<String> best = null;
        for (JsonValue candidate : e) {
          List<String> p = new ArrayList<>();
          sameShape(path + "[" + i + "]", candidate, a.get(i), p);
          if (best == null || p.size() < best.size()) best = p;
        }
        if (best == null) problems.add(path + "[" + i + "] has no counterpart in the encoder's sample");
        else problems.addAll(best);
      }
    }
  }

  private static String kind(JsonValue v) {
    return switch (v.getValueType()) {
      case TRUE, FALSE -> "boolean";
      default -> v.getValueType().name().toLowerCase();
    };
  }

  // ---- reading the doc ----

  /** Every fenced block opened with exactly ```json, with the ## and ### headings above it. */
  static List<Example> examples(List<String> lines) {
    List<Example> found = new ArrayList<>();
    String section = "";
    String heading = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("```")) {
        boolean json = line.strip().equals("```json");
        int start = i;
        StringBuilder text = new StringBuilder();
        for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) text.append(lines.get(i)).append('\n');
        if (json) found.add(new Example(start + 1, section, heading, text.toString()));
      } else if (line.startsWith("## ")) {
        section = line;
        heading = line;
      } else if (line.startsWith("### ")) {
        heading = line;
      }
    }
    return found;
  }

  /** From the enclosing ## section; outside the two event sections, a client type counts as a client example. */
  private static Direction direction(Example e) {
    String s = e.section().toLowerCase().replace("->", "→");
    if (s.contains("client → server")) return Direction.CLIENT;
    if (s.contains("server → client")) return Direction.SERVER;
    return ClientCommand.TYPES.contains(type(e)) ? Direction.CLIENT : Direction.SERVER;
  }

  private static String type(Example e) {
    JsonValue type = parse(e).get("type");
    return type instanceof JsonString s ? s.getString() : "<no type>";
  }

  private static JsonObject parse(Example e) {
    try {
      return parse(e.text());
    } catch (RuntimeException ex) {
      return fail(e.where() + ": not one JSON object: " + ex.getMessage());
    }
  }

  private static JsonObject parse(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> rest = new TreeSet<>(a);
    rest.removeAll(b);
    return rest;
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path.toAbsolutePath(), e);
    }
  }

  private static String javaSources() {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(p -> p.toString().endsWith(".java")).map(ProtocolDocsTest::read).collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
