package io.ascendgw.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The replica count of {@code POST /admin/pools/{pool}/scale}, from the query or the body. */
class ScaleRequestTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "2    | NONE              | 2",
        "NONE | {\"replicas\":3}   | 3",
        "1    | {\"replicas\":3}   | 1",
        "0    | ''                | 0",
        "NONE | {\"replicas\":\"4\"} | 4"})
    void shouldTakeTheQueryElseTheBody(String query, String body, int expected) {
        assertThat(AdminResource.replicaCount(query, body)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "NONE | NONE               | Give the replica count as ?replicas=N or {\"replicas\":N}.",
        "NONE | '{\"replicas\":'    | the body is not a JSON object",
        "NONE | [3]                | the body is not a JSON object",
        "NONE | {\"replicas\":2.5}  | got 2.5",
        "NONE | {\"count\":2}       | got none",
        "-1   | NONE               | got '-1'",
        "two  | NONE               | got 'two'"})
    void shouldRefuseAMissingOrMalformedCount(String query, String body, String problem) {
        assertThatThrownBy(() -> AdminResource.replicaCount(query, body)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }
}
