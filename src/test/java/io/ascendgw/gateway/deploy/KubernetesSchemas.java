package io.ascendgw.gateway.deploy;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.schema.validator.ValidationMessage;
import io.fabric8.kubernetes.schema.validator.ValidationReport;
import io.fabric8.kubernetes.schema.validator.Validator;

/**
 * Validates objects against the Kubernetes API's OpenAPI schema, plus the Prometheus Operator CRDs (ServiceMonitor),
 * with fabric8's kubernetes-model-validator: unknown fields, wrong types and missing required fields are errors.
 * Loading the schema takes a few seconds; share one instance.
 */
final class KubernetesSchemas {

    /*
     * The schema declares IntOrString and Quantity as strings only (their Go types marshal to "int-or-string"), but the
     * API server accepts integers for both (maxUnavailable: 1, cpu: 2). Exactly that message is dropped.
     */
    private static final String INTEGER_NOT_STRING =
            "Instance type (integer) does not match any allowed primitive type (allowed: [\"string\"])";

    private final Validator validator = Validator.newInstance();

    /** The errors for one object, empty when it is valid. */
    List<String> validate(JsonNode object) {
        ValidationReport report = validator.validate(object);
        String what = object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationMessage.Level.ERROR)
                .filter(m -> !isIntegerForIntOrString(m))
                .map(m -> what + ": " + m.getMessage())
                .toList();
    }

    private static boolean isIntegerForIntOrString(ValidationMessage message) {
        String schema = message.getSchema() == null ? "" : message.getSchema();
        return message.getMessage().contains(INTEGER_NOT_STRING)
                && (schema.endsWith("io.k8s.apimachinery.pkg.util.intstr.IntOrString")
                        || schema.endsWith("io.k8s.apimachinery.pkg.api.resource.Quantity"));
    }
}
