# The bridge's image: built from source with Maven, run on a JRE as an unprivileged user.
#   docker build -t xcai-bridge:0.1.0 .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin xcai \
 && mkdir -p /var/lib/xcai /var/cache/xcai /etc/xcai/config /etc/xcai/tls \
 && chown 10001:10001 /var/lib/xcai /var/cache/xcai
COPY --from=build /src/target/xcai-bridge.jar /opt/xcai/xcai-bridge.jar
COPY conf/application.yaml /etc/xcai/config/application.yaml
USER 10001
WORKDIR /var/lib/xcai
EXPOSE 8080
# exec form: the JVM is PID 1 and gets SIGTERM itself, drains, and exits 0
ENTRYPOINT ["java", "-jar", "/opt/xcai/xcai-bridge.jar"]
CMD ["--config", "/etc/xcai/config/application.yaml"]
