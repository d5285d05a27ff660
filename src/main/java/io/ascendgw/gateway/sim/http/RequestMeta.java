package io.ascendgw.gateway.sim.http;

import io.ascendgw.gateway.sim.format.JsonText;

/**
 * The fields every response object of one request starts with.
 *
 * @param id      {@code chatcmpl-...} / {@code cmpl-...}
 * @param created unix seconds
 * @param model   first served model name
 */
record RequestMeta(String id, long created, String model) {

    /** {@code {"id":...,"object":<object>,"created":...,"model":...,} }, ready for {@code "choices"}. */
    String head(String object) {
        StringBuilder sb = new StringBuilder(96).append("{\"id\":");
        JsonText.string(sb, id).append(",\"object\":\"").append(object).append("\",\"created\":").append(created)
                .append(",\"model\":");
        return JsonText.string(sb, model).append(',').toString();
    }
}
