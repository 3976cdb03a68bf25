{{/*
The Deployment of a workload: a service, (list $ "detection"), or the detection worker of
ADR 0106, (list $ "detection" "worker"). Both run the service's image with the same ConfigMaps,
database Secret, env, probes (on the port probe, answered by ProbeServer, ADR 0147) and security
context; they differ in name and labels (so the service's Service and PodDisruptionBudget never
select the worker's pods), replicas, resources and FIREBELL_DETECTION_GROUPING_ENABLED
(firebell.groupingEnabled).
*/}}
{{- define "firebell.deployment" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- $svc := index $root.Values.services $name -}}
{{- $isWorker := gt (len .) 2 -}}
{{- $fullName := include "firebell.serviceName" . -}}
{{- $dbSecret := include "firebell.dbSecretName" (list $root $name) -}}
{{- $secretsKey := required "secretsKey.existingSecret is required: the services encrypt webhook secrets at rest with its key" $root.Values.secretsKey.existingSecret -}}
{{- $grouping := include "firebell.groupingEnabled" . -}}
{{- $resources := $svc.resources -}}
{{- $probePort := required "probePort is required: the services answer Kubernetes' probes on it" $root.Values.probePort -}}
{{- if $isWorker }}{{ $resources = $svc.worker.resources }}{{ end -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $fullName }}
  labels:
    {{- include "firebell.serviceLabels" . | nindent 4 }}
  annotations:
    # Secrets referenced here that this chart does not create: yours (postgres.external, secretsKey)
    # or the CloudNativePG operator's (postgres.cnpg).
    firebell.io/external-secrets: {{ printf "%s,%s" $dbSecret $secretsKey | quote }}
spec:
  {{- if $isWorker }}
  replicas: {{ $svc.worker.replicas }}
  {{- else }}
  {{- $hpa := index $root.Values.autoscaling $name }}
  {{- if not (and $hpa $hpa.enabled) }}
  replicas: {{ $svc.replicas }}
  {{- end }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "firebell.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "firebell.serviceLabels" . | nindent 8 }}
      annotations:
        checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
        prometheus.io/scrape: "true"
        prometheus.io/path: /q/metrics
        prometheus.io/port: {{ $svc.port | quote }}
    spec:
      serviceAccountName: {{ include "firebell.serviceAccountName" $root }}
      automountServiceAccountToken: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        runAsNonRoot: true
        runAsUser: 185
        runAsGroup: 185
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: {{ include "firebell.workload" . }}
          image: {{ include "firebell.image" (list $root $name) | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $svc.port }}
              protocol: TCP
            # Kubernetes' probes only (ADR 0147): no Service exposes it, no NetworkPolicy opens it.
            - name: probe
              containerPort: {{ $probePort }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "firebell.fullname" $root }}-config
            - configMapRef:
                name: {{ include "firebell.fullname" $root }}-{{ $name }}-db
          env:
            - name: QUARKUS_HTTP_PORT
              value: {{ $svc.port | quote }}
            # ProbeServer answers the probes below on this port, from a thread of its own.
            - name: FIREBELL_PROBE_PORT
              value: {{ $probePort | quote }}
            - name: QUARKUS_DATASOURCE_USERNAME
              valueFrom:
                secretKeyRef:
                  name: {{ $dbSecret }}
                  key: username
            - name: QUARKUS_DATASOURCE_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ $dbSecret }}
                  key: password
            # AES-256 keys (base64, comma-separated, the first encrypts) for webhook secrets at rest.
            - name: FIREBELL_SECRETS_KEYS
              valueFrom:
                secretKeyRef:
                  name: {{ $secretsKey }}
                  key: {{ $root.Values.secretsKey.key }}
            {{- with $grouping }}
            # ADR 0106: detection-service acknowledges alerts and serves the API, detection-worker
            # groups them (the firebell.alerts.v1 consumer).
            - name: FIREBELL_DETECTION_GROUPING_ENABLED
              value: {{ . | quote }}
            {{- end }}
            {{- range $k, $v := $svc.extraEnv }}
            - name: {{ $k }}
              value: {{ $v | quote }}
            {{- end }}
          startupProbe:
            httpGet:
              path: /q/health/started
              port: probe
            initialDelaySeconds: 5
            periodSeconds: 5
            timeoutSeconds: 5
            # Five minutes for Flyway's migrations and the first Kafka connection.
            failureThreshold: 60
          livenessProbe:
            httpGet:
              path: /q/health/live
              port: probe
            periodSeconds: 10
            timeoutSeconds: 5
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /q/health/ready
              port: probe
            periodSeconds: 10
            timeoutSeconds: 5
            failureThreshold: 3
          resources:
            {{- toYaml (default $root.Values.defaultResources $resources) | nindent 12 }}
          securityContext:
            runAsNonRoot: true
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
            capabilities:
              drop:
                - ALL
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if $root.Values.auth.publicKey }}
            - name: jwt-public-key
              mountPath: /etc/firebell/jwt
              readOnly: true
            {{- end }}
      volumes:
        # The root filesystem is read-only; Quarkus and Vert.x write only to /tmp.
        - name: tmp
          emptyDir: {}
        {{- if $root.Values.auth.publicKey }}
        - name: jwt-public-key
          configMap:
            name: {{ include "firebell.fullname" $root }}-jwt-public-key
            defaultMode: 0444
        {{- end }}
{{- end -}}
