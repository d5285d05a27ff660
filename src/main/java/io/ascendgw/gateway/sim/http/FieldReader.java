package io.ascendgw.gateway.sim.http;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads optional body fields with pydantic's lax coercions; violations go to {@link SchemaErrors}. */
final class FieldReader {

    private final JsonNode body;
    private final SchemaErrors errors;

    FieldReader(JsonNode body, SchemaErrors errors) {
        this.body = body;
        this.errors = errors;
    }

    JsonNode raw(String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v;
    }

    boolean present(String field) {
        return raw(field) != null;
    }

    String string(String field) {
        JsonNode v = raw(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add("string_type", "Input should be a valid string", field);
            return null;
        }
        return v.textValue();
    }

    /** A field the model requires: pydantic's {@code missing} when absent, {@code string_type} when not a string. */
    String requiredString(String field) {
        if (!present(field)) {
            errors.add("missing", "Field required", field);
            return null;
        }
        return string(field);
    }

    Long longValue(String field) {
        JsonNode v = raw(field);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isFloatingPointNumber()) {
            double d = v.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 9.2e18) {
                return (long) d;
            }
            errors.add("int_from_float", "Input should be a valid integer, got a number with a fractional part",
                    field);
            return null;
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.textValue().trim());
            } catch (NumberFormatException e) {
                errors.add("int_parsing", "Input should be a valid integer, unable to parse string as an integer",
                        field);
                return null;
            }
        }
        errors.add("int_type", "Input should be a valid integer", field);
        return null;
    }

    Integer intValue(String field) {
        Long v = longValue(field);
        if (v == null) {
            return null;
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    Double doubleValue(String field) {
        JsonNode v = raw(field);
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.textValue().trim());
            } catch (NumberFormatException e) {
                errors.add("float_parsing", "Input should be a valid number, unable to parse string as a number",
                        field);
                return null;
            }
        }
        errors.add("float_type", "Input should be a valid number", field);
        return null;
    }

    Boolean bool(String field) {
        return bool(raw(field), field);
    }

    Boolean bool(JsonNode v, Object... loc) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber() && (v.longValue() == 0 || v.longValue() == 1)) {
            return v.longValue() == 1;
        }
        if (v.isTextual()) {
            switch (v.textValue().trim().toLowerCase()) {
                case "true", "1", "yes", "on", "t", "y" -> {
                    return true;
                }
                case "false", "0", "no", "off", "f", "n" -> {
                    return false;
                }
                default -> {
                    errors.add("bool_parsing", "Input should be a valid boolean, unable to interpret input", loc);
                    return null;
                }
            }
        }
        errors.add("bool_type", "Input should be a valid boolean", loc);
        return null;
    }
}
