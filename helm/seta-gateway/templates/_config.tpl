{{/*
The gateway's application.yml, from the values. Secrets never appear here: they come in as environment variables
from secretKeyRef (Redis password, user-service token) or as mounted files (keys, principal directory).
*/}}
{{- define "seta-gateway.applicationConfig" -}}
server:
  port: 8080
  shutdown: graceful
  # the edge decides whose X-Forwarded-* to believe (edge.trustedProxies), never the server
  forward-headers-strategy: none
  max-http-request-header-size: 64KB
spring:
  lifecycle:
    timeout-per-shutdown-phase: 20s
  {{- if .Values.redis.tlsCaSecret }}
  # the CA that signed the Redis servers' certificates, from the mounted Secret (redis.tlsCaSecret)
  ssl:
    bundle:
      pem:
        redis:
          truststore:
            certificate: file:/etc/seta-gateway/redis-tls/{{ .Values.redis.tlsCaKey }}
  {{- end }}
  data:
    redis:
      host: {{ .Values.redis.host | quote }}
      port: {{ .Values.redis.port }}
      database: {{ .Values.redis.database }}
      ssl:
        enabled: {{ .Values.redis.tls }}
        {{- if .Values.redis.tlsCaSecret }}
        bundle: redis
        {{- end }}
      {{- if .Values.redis.sentinel.master }}
      sentinel:
        master: {{ .Values.redis.sentinel.master | quote }}
        nodes:
          {{- range .Values.redis.sentinel.nodes }}
          - {{ . | quote }}
          {{- end }}
      {{- end }}
      {{- with .Values.redis.cluster.nodes }}
      cluster:
        nodes:
          {{- range . }}
          - {{ . | quote }}
          {{- end }}
      {{- end }}
      connect-timeout: 1s
  cloud:
    gateway:
      server:
        webflux:
          httpclient:
            connect-timeout: 2000
          routes:
            {{- toYaml .Values.routes | nindent 12 }}
management:
  server:
    port: {{ .Values.service.managementPort }}
  endpoints:
    web:
      exposure:
        include: health, info, prometheus
  endpoint:
    gateway:
      access: none
    health:
      probes:
        enabled: true
{{- with .Values.gateway.logFormat }}
logging:
  structured:
    format:
      console: {{ . }}
{{- end }}
seta:
  token:
    issuer: {{ .Values.gateway.issuer | quote }}
    audience:
      {{- toYaml .Values.gateway.audience | nindent 6 }}
    access-token-ttl: {{ .Values.gateway.accessTokenTtl }}
    refresh-idle-ttl: {{ .Values.gateway.refreshIdleTtl }}
    session-max-ttl: {{ .Values.gateway.sessionMaxTtl }}
    refresh-grace: {{ .Values.gateway.refreshGrace }}
    replay-retention: {{ .Values.gateway.replayRetention }}
  keys:
    directory: /etc/seta-gateway/keys
    {{- with .Values.keys.activeKid }}
    active-kid: {{ . | quote }}
    {{- end }}
  directory:
    type: {{ .Values.directory.type }}
    file: /etc/seta-gateway/directory/{{ .Values.directory.file.key }}
    {{- with .Values.directory.http.baseUrl }}
    http:
      base-url: {{ . | quote }}
    {{- end }}
  store:
    type: {{ .Values.store.type }}
    redis:
      key-prefix: {{ .Values.redis.keyPrefix | quote }}
      command-timeout: {{ .Values.redis.commandTimeout }}
      wait-replicas: {{ .Values.redis.waitReplicas }}
  revocation:
    max-entries: {{ .Values.revocation.maxEntries }}
    directory-check-interval: {{ .Values.revocation.directoryCheckInterval }}
  rate-limit:
    failures-per-address: {{ .Values.rateLimit.failuresPerAddress }}
    address-period: {{ .Values.rateLimit.addressPeriod }}
    failures-per-login: {{ .Values.rateLimit.failuresPerLogin }}
    login-period: {{ .Values.rateLimit.loginPeriod }}
  edge:
    trusted-proxies:
      {{- toYaml .Values.edge.trustedProxies | nindent 6 }}
    clock-skew: {{ .Values.edge.clockSkew }}
    backend-response-timeout: {{ .Values.backendResponseTimeout }}
    access-log:
      enabled: {{ .Values.edge.accessLog }}
    quota:
      enabled: {{ .Values.edge.quotaEnabled }}
    cors:
      allowed-origins:
        {{- toYaml .Values.edge.corsAllowedOrigins | nindent 8 }}
    {{- with .Values.edge.trustedIssuers }}
    trusted-issuers:
      {{- range . }}
      - issuer: {{ .issuer | quote }}
        audiences:
          {{- toYaml .audiences | nindent 10 }}
        provider: {{ .provider | quote }}
        {{- with .jwksUri }}
        jwks-uri: {{ . | quote }}
        {{- end }}
        {{- with .algorithms }}
        algorithms:
          {{- toYaml . | nindent 10 }}
        {{- end }}
        {{- with .usernameClaim }}
        username-claim: {{ . | quote }}
        {{- end }}
        {{- with .roleClaim }}
        role-claim: {{ . | quote }}
        {{- end }}
        {{- with .roleMapping }}
        role-mapping:
          {{- range $value, $role := . }}
          # brackets keep the claim value whole (dots, colons, slashes) as the map key
          {{ printf "[%s]" $value | quote }}: {{ $role | quote }}
          {{- end }}
        {{- end }}
        {{- with .defaultRole }}
        default-role: {{ . | quote }}
        {{- end }}
        {{- if hasKey . "requirePrincipal" }}
        require-principal: {{ .requirePrincipal }}
        {{- end }}
        {{- with .refreshInterval }}
        refresh-interval: {{ . }}
        {{- end }}
        {{- with .staleLimit }}
        stale-limit: {{ . }}
        {{- end }}
      {{- end }}
    {{- end }}
{{- end }}
