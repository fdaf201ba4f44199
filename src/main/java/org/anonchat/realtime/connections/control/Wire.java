package org.anonchat.realtime.connections.control;

import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.Map;
import org.anonchat.realtime.connections.entity.ClientCommand;
import org.anonchat.realtime.connections.entity.ErrorCode;
import org.anonchat.realtime.connections.entity.Payload;
import org.anonchat.realtime.connections.entity.ProtocolException;
import org.anonchat.realtime.connections.entity.ServerEvent;

/**
 * The one codec between text frames and protocol types. Envelope: {@code {type, payload, timestamp}} plus
 * an optional top-level {@code ref}. Pure and thread-safe: no runtime needed, so it is unit tested alone.
 */
public final class Wire {

  private static final JsonProvider PROVIDER = JsonProvider.provider();
  private static final JsonBuilderFactory JSON = PROVIDER.createBuilderFactory(Map.of());
  /** Deepest nesting of objects and arrays a client frame may have. */
  static final int MAX_DEPTH = 16;

  private Wire() {}

  /** Decodes a client frame; a bad frame throws a ProtocolException that carries the frame's ref if known. */
  public static ClientCommand decode(String text) {
    JsonObject envelope = parseObject(text);
    String ref = ref(envelope);
    try {
      JsonValue type = envelope.get("type");
      if (!(type instanceof JsonString typeName)) {
        throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "type must be a string");
      }
      if (!ClientCommand.TYPES.contains(typeName.getString())) {
        throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown type: " + typeName.getString());
      }
      return ClientCommand.from(typeName.getString(), ref, new Payload(payload(envelope)));
    } catch (ProtocolException e) {
      throw e.withRef(ref);
    }
  }

  /** Encodes an event with the server's clock as timestamp. */
  public static String encode(ServerEvent event) {
    return encode(event, System.currentTimeMillis());
  }

  static String encode(ServerEvent event, long timestamp) {
    JsonObjectBuilder b = JSON.createObjectBuilder()
        .add("type", event.type())
        .add("payload", event.payload(JSON))
        .add("timestamp", timestamp);
    if (event.ref() != null) b.add("ref", event.ref());
    return b.build().toString();
  }

  /** An error reply for a rejected frame. */
  public static String encode(ProtocolException rejected) {
    return encode(new ServerEvent.Error(rejected.ref(), rejected.code(), rejected.getMessage()));
  }

  /** The builder factory the codec uses, for code that assembles pass-through payloads (notifications). */
  public static JsonBuilderFactory json() {
    return JSON;
  }

  /**
   * Parses a frame that must be exactly one JSON object; INVALID_JSON otherwise. A parser rather than a
   * reader, because Parsson's reader silently ignores whatever follows the first value (parsson#18).
   */
  public static JsonObject parseObject(String text) {
    if (nestedDeeperThan(text, MAX_DEPTH)) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "frame is nested deeper than " + MAX_DEPTH + " levels");
    }
    try (JsonParser parser = PROVIDER.createParser(new StringReader(text))) {
      if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
        throw new ProtocolException(ErrorCode.INVALID_JSON, "frame must be a JSON object");
      }
      JsonObject object = parser.getObject();
      if (parser.hasNext()) throw new ProtocolException(ErrorCode.INVALID_JSON, "frame has content after the object");
      return object;
    } catch (JsonParsingException e) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "frame is not valid JSON");
    } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "frame must be a JSON object");
    }
  }

  /**
   * A frame of 64 KiB can nest 32,000 levels, and building such a value recurses once per level. The protocol
   * needs three, so anything deeper is refused by a linear scan before the parser sees it.
   */
  static boolean nestedDeeperThan(String text, int max) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') i++;
        else if (c == '"') inString = false;
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        if (++depth > max) return true;
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
    return false;
  }

  private static String ref(JsonObject envelope) {
    JsonValue ref = envelope.get("ref");
    if (ref instanceof JsonString s && s.getString().length() <= Payload.MAX_ID_LENGTH) return s.getString();
    return null;
  }

  private static JsonObject payload(JsonObject envelope) {
    JsonValue payload = envelope.get("payload");
    if (payload == null || payload.getValueType() == JsonValue.ValueType.NULL) return JsonValue.EMPTY_JSON_OBJECT;
    if (payload instanceof JsonObject object) return object;
    throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "payload must be an object");
  }
}
