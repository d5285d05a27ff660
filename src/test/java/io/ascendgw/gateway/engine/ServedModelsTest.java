package io.ascendgw.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.metrics.TestFixtures;

class ServedModelsTest {

    @Test
    void shouldTellLoraAdaptersByTheirParentWhenAnEngineServesSome() throws Exception {
        // Given vLLM's /v1/models with --lora-modules: base card parent null, adapter cards with the base as parent
        String body = """
            {"object":"list","data":[
             {"id":"qwen","object":"model","root":"/models/qwen","parent":null,"max_model_len":8192},
             {"id":"sql-lora","object":"model","root":"/adapters/sql","parent":"qwen","max_model_len":null},
             {"id":"odd","object":"model"}]}
            """;

        // When
        ServedModels models = ServedModels.fromModelList(new ObjectMapper().readTree(body));

        // Then
        assertThat(models.ids()).containsExactlyInAnyOrder("qwen", "sql-lora", "odd");
        assertThat(models.adapters()).containsExactly("sql-lora");
        assertThat(models.isAdapter("sql-lora")).isTrue();
        assertThat(models.isAdapter("qwen")).isFalse();
        assertThat(models.isAdapter("odd")).isFalse();
    }

    @Test
    void shouldFindNoAdapterWhenTheEngineServesOnlyItsBaseModel() throws Exception {
        // Given the recorded /v1/models of an engine without LoRA
        ServedModels models = ServedModels.fromModelList(new ObjectMapper().readTree(
                TestFixtures.read("fixtures/vllm/models.json")));

        // Then
        assertThat(models.ids()).isNotEmpty();
        assertThat(models.adapters()).isEmpty();
        assertThat(ServedModels.NONE.adapters()).isEmpty();
    }
}
