package io.ascendgw.gateway.sim.structured;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.main.JsonSchemaFactory;

class JsonSchemaTextTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A schema as pydantic writes it for nested models, enums, optional fields and lists. */
    private static final String PYDANTIC = """
            {"$defs":{"Address":{"properties":{"city":{"title":"City","type":"string"},
              "zip":{"title":"Zip","type":"string","format":"date"}},"required":["city","zip"],"title":"Address",
              "type":"object","additionalProperties":false},
             "Level":{"enum":["junior","senior","staff"],"title":"Level","type":"string"}},
             "properties":{"name":{"title":"Name","type":"string","minLength":3,"maxLength":12},
              "age":{"title":"Age","type":"integer","minimum":18,"maximum":65},
              "score":{"type":"number","minimum":0.5,"maximum":0.75},
              "level":{"$ref":"#/$defs/Level"},
              "home":{"$ref":"#/$defs/Address"},
              "nickname":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null},
              "tags":{"items":{"type":"string"},"type":"array","minItems":2,"maxItems":4},
              "active":{"type":"boolean"},
              "id":{"type":"string","format":"uuid"},
              "kind":{"const":"person"}},
             "required":["name","age","score","level","home","nickname","tags","active","id","kind"],
             "title":"Person","type":"object","additionalProperties":false}""";

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 42, -7, 1L << 40})
    void shouldValidateAgainstTheSchemaWhenPydanticWroteIt(long key) throws Exception {
        // Given a schema with nested models, enums, bounds, nullable and list fields
        JsonNode schema = MAPPER.readTree(PYDANTIC);

        // When an answer is written for a key
        String text = new JsonSchemaText(schema).text(key);

        // Then it is one JSON document that the schema accepts, written as models write JSON
        JsonNode answer = MAPPER.readTree(text);
        assertThat(problems(schema, answer)).as(text).isEmpty();
        assertThat(text).startsWith("{\"name\": ").contains("\", \"age\": ");
        assertThat(answer.get("kind").asText()).isEqualTo("person");
        assertThat(answer.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(answer.get("home").get("zip").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void shouldBeAPureFunctionOfSchemaAndKeyWhenAskedTwice() throws Exception {
        // Given one schema
        JsonSchemaText structure = new JsonSchemaText(MAPPER.readTree(PYDANTIC));

        // When answers are written for the same and for other keys
        Set<String> distinct = new HashSet<>();
        for (long key = 0; key < 20; key++) {
            distinct.add(structure.text(key));
        }

        // Then a key always gives the same answer, and keys give different ones
        assertThat(structure.text(5)).isEqualTo(structure.text(5));
        assertThat(distinct).hasSizeGreaterThan(15);
    }

    @Test
    void shouldEndRecursionWhenASchemaRefersToItself() throws Exception {
        // Given a tree node whose children are tree nodes, and a linked list through a nullable reference
        JsonNode tree = MAPPER.readTree("""
                {"$defs":{"Node":{"type":"object","properties":{"label":{"type":"string"},
                  "children":{"type":"array","items":{"$ref":"#/$defs/Node"},"maxItems":2}},
                  "required":["label","children"]}},"$ref":"#/$defs/Node"}""");
        JsonNode list = MAPPER.readTree("""
                {"definitions":{"Item":{"type":"object","properties":{"v":{"type":"integer"},
                  "next":{"anyOf":[{"$ref":"#/definitions/Item"},{"type":"null"}]}},"required":["v","next"]}},
                 "$ref":"#/definitions/Item"}""");

        for (long key = 0; key < 10; key++) {
            // When answers are written
            String treeText = new JsonSchemaText(tree).text(key);
            String listText = new JsonSchemaText(list).text(key);

            // Then they are finite documents the schemas accept
            assertThat(treeText.length()).isLessThan(200_000);
            assertThat(problems(tree, MAPPER.readTree(treeText))).as(treeText).isEmpty();
            assertThat(problems(list, MAPPER.readTree(listText))).as(listText).isEmpty();
        }

        // And a schema no finite document satisfies (every node needs a child) still gives a finite answer
        JsonNode endless = MAPPER.readTree("""
                {"$defs":{"N":{"type":"object","properties":{"child":{"$ref":"#/$defs/N"}},"required":["child"]}},
                 "$ref":"#/$defs/N"}""");
        assertThat(MAPPER.readTree(new JsonSchemaText(endless).text(1)).isObject()).isTrue();
    }

    @Test
    void shouldWriteAnObjectWhenTheSchemaSaysNothing() throws Exception {
        // Given json_object (no schema), and schemas without a type
        for (long key = 0; key < 10; key++) {
            // When answers are written
            JsonNode any = MAPPER.readTree(new JsonSchemaText(null).text(key));
            JsonNode empty = MAPPER.readTree(new JsonSchemaText(MAPPER.readTree("{}")).text(key));

            // Then each is a JSON object with at least one field
            assertThat(any.isObject() && any.size() > 0).as(any.toString()).isTrue();
            assertThat(empty.isObject()).isTrue();
        }
    }

    @Test
    void shouldHonourTypeListsAllOfAndExclusiveBoundsWhenGiven() throws Exception {
        // Given keywords the draft-4 validator below does not read the way later drafts do
        JsonNode schema = MAPPER.readTree("""
                {"type":"object","allOf":[{"properties":{"a":{"type":"integer","exclusiveMinimum":5,
                  "exclusiveMaximum":7}}},{"properties":{"b":{"type":["string","null"]}}}],
                 "properties":{"c":{"type":"array","prefixItems":[{"const":1},{"const":"x"}]}}}""");

        for (long key = 0; key < 10; key++) {
            // When an answer is written
            JsonNode answer = MAPPER.readTree(new JsonSchemaText(schema).text(key));

            // Then every part is there with its constraint
            assertThat(answer.get("a").asInt()).isEqualTo(6);
            assertThat(answer.get("b").isTextual() || answer.get("b").isNull()).isTrue();
            assertThat(answer.get("c").get(0).asInt()).isEqualTo(1);
            assertThat(answer.get("c").get(1).asText()).isEqualTo("x");
        }
    }

    @Test
    void shouldFollowAdditionalPropertiesAndRequiredKeysWhenAnObjectHasNoPropertiesForThem() throws Exception {
        // Given a map of integers, a closed empty object, and required keys without property schemas
        JsonNode map = MAPPER.readTree("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}");
        JsonNode closed = MAPPER.readTree("{\"type\":\"object\",\"additionalProperties\":false}");
        JsonNode requiredOnly = MAPPER.readTree("{\"type\":\"object\",\"required\":[\"id\",\"n\"],"
                + "\"properties\":{\"n\":{\"type\":\"integer\"}},\"additionalProperties\":{\"type\":\"string\"}}");

        for (long key = 0; key < 10; key++) {
            // When answers are written, then the schemas accept them
            for (JsonNode schema : List.of(map, closed, requiredOnly)) {
                String text = new JsonSchemaText(schema).text(key);
                assertThat(problems(schema, MAPPER.readTree(text))).as(text).isEmpty();
            }
            assertThat(MAPPER.readTree(new JsonSchemaText(map).text(key)).size()).isPositive();
            assertThat(MAPPER.readTree(new JsonSchemaText(requiredOnly).text(key)).get("id").isTextual()).isTrue();
        }
    }

    @Test
    @Timeout(10)
    void shouldStopGrowingAtItsBudgetWhenASchemaAsksForMillionsOfItemsOrCharacters() throws Exception {
        // Given minimums no context could hold
        JsonNode schema = MAPPER.readTree("{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\","
                + "\"minLength\":1000000000},\"a\":{\"type\":\"array\",\"minItems\":1000000000,\"items\":"
                + "{\"type\":\"array\",\"minItems\":1000000000}}}}");

        // When an answer is written, then it comes at once, about the budget long, still JSON
        String text = new JsonSchemaText(schema).text(3);
        assertThat(text.length()).isLessThan(4 * JsonSchemaText.MAX_CHARS);
        assertThat(MAPPER.readTree(text).isObject()).isTrue();
    }

    @Test
    void shouldHonourPatternsMultiplesUniqueItemsPatternKeysAndPropertyCountsWhenASchemaSetsThem() throws Exception {
        // Given the keywords pydantic emits for constr(pattern=...), multiple_of, sets and bounded dicts
        JsonNode schema = MAPPER.readTree("""
                {"type":"object","properties":{
                  "sku":{"type":"string","pattern":"^[A-Z]{3}-\\\\d{4}$"},
                  "phone":{"type":"string","pattern":"\\\\+86 1[3-9]\\\\d{9}","maxLength":20},
                  "qty":{"type":"integer","minimum":1,"maximum":100,"multipleOf":5},
                  "price":{"type":"number","minimum":0.5,"maximum":99,"multipleOf":0.25},
                  "tags":{"type":"array","items":{"enum":["a","b","c"]},"minItems":3,"uniqueItems":true},
                  "flags":{"type":"array","items":{"type":"boolean"},"minItems":0,"maxItems":5,"uniqueItems":true},
                  "attrs":{"type":"object","additionalProperties":{"type":"integer"},"minProperties":4},
                  "few":{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"},
                         "c":{"type":"integer"}},"maxProperties":2},
                  "byId":{"type":"object","patternProperties":{"^u[0-9]{4}$":{"type":"string","minLength":1}},
                          "additionalProperties":false,"minProperties":2}},
                 "required":["sku","phone","qty","price","tags","flags","attrs","few","byId"]}""");

        for (long key = 0; key < 40; key++) {
            // When an answer is written, then the schema accepts it
            String text = new JsonSchemaText(schema).text(key);
            JsonNode answer = MAPPER.readTree(text);
            assertThat(problems(schema, answer)).as(text).isEmpty();
            assertThat(answer.get("sku").asText()).matches("[A-Z]{3}-\\d{4}");
            assertThat(answer.get("byId").size()).isGreaterThanOrEqualTo(2);
        }
    }

    private static String problems(JsonNode schema, JsonNode instance) throws Exception {
        ProcessingReport report = JsonSchemaFactory.byDefault().getJsonSchema(schema).validate(instance);
        return report.isSuccess() ? "" : report.toString();
    }
}
