package org.anonchat.realtime.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.UUID;
import org.anonchat.realtime.messages.control.MessageIds;

/**
 * What storing a message costs H2 alone, without the server: the statements of one group commit (lock the
 * rooms' counters, insert the messages, update the counters, commit) against the CHAT_MESSAGE and ROOM_COUNTER
 * tables as the server creates them, timed over the second half of the run. It separates the database's share of
 * the commit from JTA's and EclipseLink's, and shows what {@code WRITE_DELAY=0} (every commit written to the file
 * before it returns, as the server's URL has it) costs against H2's default delayed write.
 *
 * <pre>
 * java -cp "target/test-classes:$(cat target/bench-classpath.txt)" org.anonchat.realtime.bench.H2CommitCost \
 *     [--messages=20000] [--batch=1] [--rooms=100] [--users=1000] [--ids=ordered|random] [--url-options=;WRITE_DELAY=0;QUERY_CACHE_SIZE=64]
 * </pre>
 *
 * The database is a fresh one in a temporary folder, deleted afterwards.
 */
public final class H2CommitCost {

  private H2CommitCost() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    int messages = options.integer("messages", 20_000);
    int batch = Math.max(1, options.integer("batch", 1));
    int rooms = Math.max(1, options.integer("rooms", 100));
    int users = Math.max(1, options.integer("users", 1000));
    String urlOptions = options.text("url-options", ";WRITE_DELAY=0;QUERY_CACHE_SIZE=64");
    // "random" is what the server did before decision 0034 (UUID.randomUUID() as the primary key).
    boolean randomIds = options.text("ids", "ordered").equals("random");
    Path folder = Files.createTempDirectory("h2-commit-cost");
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("db") + urlOptions)) {
      createTables(c, rooms);
      double[] micros = run(c, messages, batch, rooms, users, randomIds);
      System.out.printf("H2 %s, %d messages in %d rooms from %d users, %d per commit, %s ids%s: %.1f us per commit, %.1f"
              + " us per message (second half of the run)%n", org.h2.engine.Constants.FULL_VERSION, messages, rooms, users,
          batch, randomIds ? "random" : "time-ordered", urlOptions, micros[0], micros[1]);
    } finally {
      try (var files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The tables and indexes the server's entities produce (ChatMessage, RoomCounter), one counter per room. */
  private static void createTables(Connection c, int rooms) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE CHAT_MESSAGE (ID VARCHAR(36) PRIMARY KEY, ROOM_ID VARCHAR(128) NOT NULL, SEQ BIGINT NOT NULL,"
          + " USER_ID VARCHAR(64) NOT NULL, DISPLAYNAME VARCHAR(256) NOT NULL, AVATARURL VARCHAR(2048),"
          + " CONTENT VARCHAR(65536) NOT NULL, CREATEDAT BIGINT NOT NULL, CLIENT_MESSAGE_ID VARCHAR(128), EDITEDAT BIGINT,"
          + " DELETEDAT BIGINT, CHANGED_AT BIGINT, RECIPIENTS INTEGER, DELIVEREDCOUNT INTEGER, READCOUNT INTEGER,"
          + " CONSTRAINT UQ_MESSAGE_ROOM_SEQ UNIQUE (ROOM_ID, SEQ),"
          + " CONSTRAINT UQ_MESSAGE_USER_CLIENT_ID UNIQUE (USER_ID, CLIENT_MESSAGE_ID))");
      s.execute("CREATE INDEX IX_MESSAGE_ROOM_CHANGED ON CHAT_MESSAGE (ROOM_ID, CHANGED_AT)");
      s.execute("CREATE TABLE ROOM_COUNTER (ROOM_ID VARCHAR(128) PRIMARY KEY, LASTSEQ BIGINT)");
    }
    try (PreparedStatement counter = c.prepareStatement("INSERT INTO ROOM_COUNTER VALUES (?, 0)")) {
      for (int r = 0; r < rooms; r++) {
        counter.setString(1, "room-" + r);
        counter.execute();
      }
    }
  }

  /** Microseconds per commit and per message over the second half (the first half warms up the JIT and the file). */
  private static double[] run(Connection c, int messages, int batch, int rooms, int users, boolean randomIds)
      throws Exception {
    c.setAutoCommit(false);
    MessageIds ids = new MessageIds();
    try (PreparedStatement lock = c.prepareStatement("SELECT LASTSEQ FROM ROOM_COUNTER WHERE ROOM_ID = ? FOR UPDATE");
        PreparedStatement insert = c.prepareStatement("INSERT INTO CHAT_MESSAGE (ID, ROOM_ID, SEQ, USER_ID, DISPLAYNAME,"
            + " AVATARURL, CONTENT, CREATEDAT, CLIENT_MESSAGE_ID, RECIPIENTS, DELIVEREDCOUNT, READCOUNT)"
            + " VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, 9, 0, 0)");
        PreparedStatement update = c.prepareStatement("UPDATE ROOM_COUNTER SET LASTSEQ = ? WHERE ROOM_ID = ?")) {
      long[] seqs = new long[rooms];
      SplittableRandom random = new SplittableRandom(1);
      String content = "x".repeat(100);
      int commits = (messages + batch - 1) / batch;
      long measuredFrom = 0;
      int measuredCommits = 0;
      for (int commit = 0; commit < commits; commit++) {
        if (commit == commits / 2) measuredFrom = System.nanoTime();
        for (int i = 0; i < batch; i++) {
          int room = random.nextInt(rooms);
          String roomId = "room-" + room;
          lock.setString(1, roomId);
          try (ResultSet rs = lock.executeQuery()) {
            rs.next();
          }
          insert.setString(1, randomIds ? UUID.randomUUID().toString() : ids.next());
          insert.setString(2, roomId);
          insert.setLong(3, ++seqs[room]);
          insert.setString(4, "user-" + random.nextInt(users));
          insert.setString(5, "Bench user");
          insert.setString(6, content);
          insert.setLong(7, System.currentTimeMillis());
          insert.setString(8, UUID.randomUUID().toString());
          insert.addBatch();
          update.setLong(1, seqs[room]);
          update.setString(2, roomId);
          update.addBatch();
        }
        insert.executeBatch();
        update.executeBatch();
        c.commit();
        if (commit >= commits / 2) measuredCommits++;
      }
      double micros = (System.nanoTime() - measuredFrom) / 1e3;
      return new double[] {micros / measuredCommits, micros / ((double) measuredCommits * batch)};
    }
  }
}
