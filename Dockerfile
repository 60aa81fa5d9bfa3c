# syntax=docker/dockerfile:1
# The image the Helm chart runs: built from source, layered so that a code change rebuilds only the small
# application layer, running as a non-root user on a JRE.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q -DskipTests package \
 && java -Djarmode=tools -jar target/seta-gateway-*.jar extract --layers --launcher --destination /extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 seta \
 && useradd --system --uid 10001 --gid seta --no-create-home --shell /usr/sbin/nologin seta
WORKDIR /app
# least to most often changed
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER 10001:10001
# the public API and the management port (health, info, prometheus)
EXPOSE 8080 8090
# configuration comes from /app/config/application.yml (the chart's ConfigMap), keys and directory from mounts
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
