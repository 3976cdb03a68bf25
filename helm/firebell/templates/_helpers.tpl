{{/* The prefix of every name: the release name, or <release>-firebell when it lacks "firebell". */}}
{{- define "firebell.fullname" -}}
{{- if contains "firebell" .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-firebell" .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/*
A workload of a service: (list $ "detection") is the service itself, detection-service;
(list $ "detection" "worker") is its worker, detection-worker (ADR 0106: the Deployment that only
groups alerts, services.detection.worker); (list $ "console") is the console. The helpers below
that take (list $ "detection") take any of these forms.
*/}}
{{- define "firebell.workload" -}}
{{- if gt (len .) 2 -}}
{{- printf "%s-%s" (index . 1) (index . 2) -}}
{{- else if eq (index . 1) "console" -}}
console
{{- else -}}
{{- printf "%s-service" (index . 1) -}}
{{- end -}}
{{- end -}}

{{/* The services' names (the four APIs), as their workloads: detection-service, … Argument: $. */}}
{{- define "firebell.serviceWorkloads" -}}
{{- $out := list -}}
{{- range $name, $svc := .Values.services -}}
{{- $out = append $out (include "firebell.workload" (list $ $name)) -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/* The JWKS URL at which the services find the console's public key. Argument: $. */}}
{{- define "firebell.consoleJwksUrl" -}}
{{- printf "http://%s:%v/.well-known/jwks.json" (include "firebell.serviceName" (list . "console")) .Values.console.port -}}
{{- end -}}

{{/* Whether the services verify people's tokens with the console's key set (no other source set). Argument: $. */}}
{{- define "firebell.servicesTrustConsole" -}}
{{- if and (not .Values.auth.jwksUrl) (not .Values.auth.publicKey) -}}true{{- end -}}
{{- end -}}

{{/*
The path prefixes of the console's pages that the Ingress routes ("/" itself exactly): not /q/*
nor /.well-known/jwks.json, which stay inside the cluster. deploy-tests fail when the console
serves a page this list does not route.
*/}}
{{- define "firebell.consolePaths" -}}
["/incidents", "/triage", "/reviews", "/dashboard", "/admin", "/status-page", "/sign-in", "/sign-out", "/oidc", "/live", "/static"]
{{- end -}}

{{/* A workload's Deployment/Service name, e.g. firebell-detection-service. Argument: (list $ "detection"). */}}
{{- define "firebell.serviceName" -}}
{{- printf "%s-%s" (include "firebell.fullname" (index . 0)) (include "firebell.workload" .) -}}
{{- end -}}

{{- define "firebell.commonLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: firebell
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* Pod selector of a workload. Argument: (list $ "detection"). */}}
{{- define "firebell.selectorLabels" -}}
app.kubernetes.io/name: {{ include "firebell.workload" . }}
app.kubernetes.io/instance: {{ (index . 0).Release.Name }}
{{- end -}}

{{/* All labels of a workload's objects. Argument: (list $ "detection"). */}}
{{- define "firebell.serviceLabels" -}}
{{- $root := index . 0 -}}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: firebell
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
{{ include "firebell.selectorLabels" . }}
app.kubernetes.io/component: {{ if gt (len .) 2 }}{{ include "firebell.workload" . }}{{ else }}{{ index . 1 }}{{ end }}
{{- end -}}

{{/* Whether services.detection.worker (ADR 0106) is on. Argument: $. */}}
{{- define "firebell.detectionWorkerEnabled" -}}
{{- with .Values.services.detection.worker -}}{{- if .enabled -}}true{{- end -}}{{- end -}}
{{- end -}}

{{/*
FIREBELL_DETECTION_GROUPING_ENABLED of a workload: empty (the application's default, true) unless
the detection worker is on; then "false" for detection-service, which acknowledges alerts and
serves the API, and "true" for detection-worker, which groups them. Argument: (list $ "detection").
*/}}
{{- define "firebell.groupingEnabled" -}}
{{- if and (eq (index . 1) "detection") (include "firebell.detectionWorkerEnabled" (index . 0)) -}}
{{- if gt (len .) 2 }}true{{ else }}false{{ end -}}
{{- end -}}
{{- end -}}

{{- define "firebell.serviceAccountName" -}}
{{- default (include "firebell.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{- define "firebell.kafkaClusterName" -}}
{{- default (printf "%s-kafka" (include "firebell.fullname" .)) .Values.kafka.strimzi.clusterName -}}
{{- end -}}

{{- define "firebell.kafkaBootstrapServers" -}}
{{- if .Values.kafka.strimzi.enabled -}}
{{- printf "%s-kafka-bootstrap:9092" (include "firebell.kafkaClusterName" .) -}}
{{- else -}}
{{- required "kafka.bootstrapServers is required unless kafka.strimzi.enabled" .Values.kafka.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{/* The CloudNativePG Cluster of a service. Argument: (list $ "detection"). */}}
{{- define "firebell.cnpgClusterName" -}}
{{- printf "%s-%s-db" (include "firebell.fullname" (index . 0)) (index . 1) -}}
{{- end -}}

{{/* The Secret holding a service's database username and password. Argument: (list $ "detection"). */}}
{{- define "firebell.dbSecretName" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- if $root.Values.postgres.cnpg.enabled -}}
{{- printf "%s-app" (include "firebell.cnpgClusterName" .) -}}
{{- else -}}
{{- $db := required (printf "postgres.external.%s is required" $name) (index $root.Values.postgres.external $name) -}}
{{- required (printf "postgres.external.%s.existingSecret is required" $name) $db.existingSecret -}}
{{- end -}}
{{- end -}}

{{/* A service's reactive PostgreSQL URL. Argument: (list $ "detection"). */}}
{{- define "firebell.dbUrl" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- if $root.Values.postgres.cnpg.enabled -}}
{{- printf "postgresql://%s-rw:5432/firebell_%s" (include "firebell.cnpgClusterName" .) $name -}}
{{- else -}}
{{- $db := required (printf "postgres.external.%s is required" $name) (index $root.Values.postgres.external $name) -}}
{{- required (printf "postgres.external.%s.url is required" $name) $db.url -}}
{{- end -}}
{{- end -}}

{{/* A workload's image, <registry>/<repository>/<service>-service:<tag> or …/console:<tag>. Argument: (list $ "detection"). */}}
{{- define "firebell.image" -}}
{{- $root := index . 0 -}}
{{- $img := $root.Values.image -}}
{{- $repo := printf "%s/%s" $img.repository (include "firebell.workload" (list $root (index . 1))) -}}
{{- if $img.registry -}}{{- $repo = printf "%s/%s" $img.registry $repo -}}{{- end -}}
{{- printf "%s:%s" $repo (default $root.Chart.AppVersion $img.tag) -}}
{{- end -}}
