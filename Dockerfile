# syntax=docker/dockerfile:1
# The image the Helm chart runs: built from source, layered so that a code change rebuilds only the small
# application layer, running as a non-root user on a JRE 25 with an AOT cache, so that a new replica is ready in
# about half the time (docs/PERFORMANCE.md).

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
# the shipped configuration: the build's ahead-of-time step (process-aot) decides the beans' conditions on it, as the
# replicas' configuration (the chart's) will; without it the generated beans would fit no replica
COPY config/ config/
RUN ./mvnw -B -q -DskipTests package \
 && cp target/seta-gateway-*.jar application.jar \
 && java -Djarmode=tools -jar application.jar extract --layers --destination /extracted

# The jar is compiled for Java 17 and runs on 25 for its AOT cache (JEP 483/514/515). Ubuntu-based, so glibc is
# there for the Amazon Corretto Crypto Provider's native library.
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 seta \
 && useradd --system --uid 10001 --gid seta --no-create-home --shell /usr/sbin/nologin seta
WORKDIR /app
# least to most often changed
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
# Training run: starts the application context and exits once it is refreshed; the JVM writes the classes it loaded
# and linked (and their profiles) to app.aot. The cache only works for this JVM and this class path, which is why it
# is made here and not on a developer's machine. It starts the way replicas do: on the beans generated ahead of time
# (spring.aot.enabled), on the Redis store of replicas that scale out (no Redis is needed to get that far). A
# configuration that chooses other beans than the build generated (tracing, the access log) starts the ordinary
# way, a second or so slower, and says so in its first lines.
COPY config/ /tmp/training/config/
# The build fails if the training run started without the generated beans: the replicas would too.
RUN cd /tmp/training \
 && { java -Dspring.aot.enabled=true -XX:AOTCacheOutput=/app/app.aot -Dspring.context.exit=onRefresh \
        -jar /app/application.jar --seta.store.type=redis > training.log 2>&1 || { cat training.log; exit 1; }; } \
 && { grep -q "Starting AOT-processed" training.log \
      || { echo "the training run did not start on the generated beans:"; grep "ahead-of-time" training.log; exit 1; }; } \
 && rm -rf /tmp/training
USER 10001:10001
# the public API and the management port (health, info, prometheus)
EXPOSE 8080 8090
# configuration comes from /app/config/application.yml (the chart's ConfigMap), keys and directory from mounts;
# a JVM that cannot use the cache says so once and starts without it; a configuration the generated beans do not fit
# starts without them (eu.seta.gateway.startup.AheadOfTimeGuard)
ENTRYPOINT ["java", "-XX:AOTCache=/app/app.aot", "-Dspring.aot.enabled=true", "-jar", "/app/application.jar"]
