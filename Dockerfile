# AnonChat Realtime on the official Payara Micro image (Jakarta EE 10, Java 17).
# Build the WAR first (mvn -B package), then: docker build -t anonchat-realtime .
# Run:  docker run -p 8080:8080 -v anonchat-data:/opt/payara/data anonchat-realtime
FROM payara/micro:6.2025.10-jdk17

# The image already runs as the unprivileged user "payara"; files are copied with that owner.
COPY --chown=payara:payara target/chat.war /opt/payara/deployments/chat.war
COPY --chown=payara:payara server-config/ /opt/payara/config/
COPY --chown=payara:payara docker/Healthcheck.java /opt/payara/Healthcheck.java

# G1 even when the container has one CPU or under 1792 MB (the JVM would pick the serial collector); the same
# flag as the benchmark server (bench/server-jvm.options, docs/performance.md).
ENV JAVA_TOOL_OPTIONS="-XX:+UseG1GC"

# Messages, and the token secret unless CHAT_IDENTITY_SECRET is set, live in this volume.
ENV CHAT_DATA_DIR=/opt/payara/data
RUN mkdir -p /opt/payara/data
VOLUME /opt/payara/data
USER payara

EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["java", "/opt/payara/Healthcheck.java"]

# The base image's entrypoint starts payara-micro.jar; these are its arguments.
CMD ["--deploy", "/opt/payara/deployments/chat.war", "--contextroot", "/", \
     "--systemProperties", "/opt/payara/config/payara-micro.properties", \
     "--postbootcommandfile", "/opt/payara/config/post-boot-commands.asadmin", \
     "--nocluster", "--port", "8080"]
