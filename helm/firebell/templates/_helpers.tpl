{{/* The prefix of every name: the release name, or <release>-firebell when it lacks "firebell". */}}
{{- define "firebell.fullname" -}}
{{- if contains "firebell" .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-firebell" .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* A service's Deployment/Service name, e.g. firebell-detection-service. Argument: (list $ "detection"). */}}
{{- define "firebell.serviceName" -}}
{{- printf "%s-%s-service" (include "firebell.fullname" (index . 0)) (index . 1) -}}
{{- end -}}

{{- define "firebell.commonLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: firebell
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* Pod selector of a service. Argument: (list $ "detection"). */}}
{{- define "firebell.selectorLabels" -}}
app.kubernetes.io/name: {{ index . 1 }}-service
app.kubernetes.io/instance: {{ (index . 0).Release.Name }}
{{- end -}}

{{/* All labels of a service's objects. Argument: (list $ "detection"). */}}
{{- define "firebell.serviceLabels" -}}
{{- $root := index . 0 -}}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: firebell
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
{{ include "firebell.selectorLabels" . }}
app.kubernetes.io/component: {{ index . 1 }}
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

{{- define "firebell.image" -}}
{{- $root := index . 0 -}}
{{- $img := $root.Values.image -}}
{{- $repo := printf "%s/%s-service" $img.repository (index . 1) -}}
{{- if $img.registry -}}{{- $repo = printf "%s/%s" $img.registry $repo -}}{{- end -}}
{{- printf "%s:%s" $repo (default $root.Chart.AppVersion $img.tag) -}}
{{- end -}}
