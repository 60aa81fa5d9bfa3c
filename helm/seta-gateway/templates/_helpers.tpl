{{/*
The chart name, overridable with nameOverride; cut to 63 characters, the limit of a DNS label.
*/}}
{{- define "seta-gateway.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The full name of the release's resources: the release name, followed by the chart name unless the release name
already contains it; overridable with fullnameOverride.
*/}}
{{- define "seta-gateway.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "seta-gateway.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The labels every resource of the release carries.
*/}}
{{- define "seta-gateway.labels" -}}
helm.sh/chart: {{ include "seta-gateway.chart" . }}
{{ include "seta-gateway.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: seta
{{- end }}

{{/*
The labels that select the gateway's pods; they never change over the life of a release.
*/}}
{{- define "seta-gateway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "seta-gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The ServiceAccount the pods run as.
*/}}
{{- define "seta-gateway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "seta-gateway.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The container image, with the chart's appVersion as the default tag.
*/}}
{{- define "seta-gateway.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
Refuses values that would render a broken or unsafe installation, saying what to set.
*/}}
{{- define "seta-gateway.validate" -}}
{{- $replicas := int .Values.replicaCount }}
{{- if and (or (gt $replicas 1) .Values.autoscaling.enabled) (ne .Values.store.type "redis") }}
{{- fail "several replicas need a shared store: set store.type=redis and redis.host (with replicaCount > 1 or autoscaling.enabled, the in-memory store would give each pod its own sessions, replay records and rate limits)" }}
{{- end }}
{{- $sentinel := or .Values.redis.sentinel.master .Values.redis.sentinel.nodes }}
{{- if and $sentinel (not (and .Values.redis.sentinel.master .Values.redis.sentinel.nodes)) }}
{{- fail "Sentinel needs both redis.sentinel.master and redis.sentinel.nodes" }}
{{- end }}
{{- if and $sentinel .Values.redis.cluster.nodes }}
{{- fail "set either redis.sentinel or redis.cluster, not both" }}
{{- end }}
{{- if and .Values.redis.cluster.nodes (ne (int .Values.redis.database) 0) }}
{{- fail "Redis Cluster has only database 0: set redis.database=0" }}
{{- end }}
{{- if and (eq .Values.store.type "redis") (not (or .Values.redis.host $sentinel .Values.redis.cluster.nodes)) }}
{{- fail "store.type is redis: set redis.host (or redis.sentinel.master and nodes, or redis.cluster.nodes)" }}
{{- end }}
{{- if and .Values.redis.tlsCaSecret (not .Values.redis.tls) }}
{{- fail "redis.tlsCaSecret is the CA of a TLS connection: set redis.tls=true too" }}
{{- end }}
{{- if not .Values.keys.existingSecret }}
{{- fail "set keys.existingSecret to the Secret holding the signing keys (PEM or JWK files)" }}
{{- end }}
{{- if and (eq .Values.directory.type "file") (not (or .Values.directory.file.existingConfigMap .Values.directory.file.existingSecret)) }}
{{- fail "directory.type is file: set directory.file.existingConfigMap or directory.file.existingSecret" }}
{{- end }}
{{- if and (eq .Values.directory.type "http") (not .Values.directory.http.baseUrl) }}
{{- fail "directory.type is http: set directory.http.baseUrl" }}
{{- end }}
{{- if le (int .Values.terminationGracePeriodSeconds) (add (int .Values.preStopSeconds) 20) }}
{{- fail "terminationGracePeriodSeconds must exceed preStopSeconds + 20 (the graceful shutdown phase)" }}
{{- end }}
{{- end }}
