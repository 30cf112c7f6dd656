package io.littlehub.cli.z2jh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exported values of the three configs, as Helm merges them over the chart's defaults, validate against the
 * chart's own schema (../shared/z2jh/values.schema.yaml, draft 7) with a JSON Schema library.
 */
class ChartSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Schema schema() {
        JsonNode schema = JSON.valueToTree(
                ChartFixture.yaml(ChartFixture.text(ChartFixture.chart().resolve("values.schema.yaml"))));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schema);
    }

    private static List<String> problems(Map<String, Object> values) {
        return schema().validate(JSON.valueToTree(values)).stream()
                .map(Error::toString)
                .toList();
    }

    @Test
    void theThreeExportsValidate() {
        for (String config : ChartFixture.CONFIGS.keySet()) {
            for (boolean carry : List.of(false, true)) {
                assertEquals(
                        List.of(),
                        problems(ChartFixture.helmValues(ChartFixture.export(config, carry))),
                        config + (carry ? " with its secrets" : ""));
            }
        }
    }

    @Test
    void everyConfigExampleValidatesToo() throws Exception {
        // Every sign-in type and the Let's Encrypt and scheduled-backup shapes: common's examples of the language.
        try (var files = Files.list(ChartFixture.repository().resolve("common/src/test/resources/config-examples"))) {
            for (Path p : files.sorted().toList()) {
                ExportFiles.Export e = ExportFiles.of(new ExportFiles.HubFacts(
                        "hub", ChartFixture.text(p), ChartFixture.FREEZE, "record 1", "3.11", null, null));
                assertEquals(
                        List.of(),
                        problems(ChartFixture.helmValues(e)),
                        p.getFileName().toString());
            }
        }
    }

    @Test
    void theSchemaRefusesWhatTheChartWouldNotTake() {
        // The judge can fail: a key the chart does not have, and a limit of the wrong type.
        Map<String, Object> values = ChartFixture.helmValues(ChartFixture.export("class-with-limits", false));
        @SuppressWarnings("unchecked")
        Map<String, Object> singleuser = (Map<String, Object>) values.get("singleuser");
        singleuser.put("memoryLimit", "1G");
        ((Map<String, Object>) singleuser.get("cpu")).put("limit", List.of(1));
        List<String> problems = problems(values);
        assertEquals(2, problems.size(), problems.toString());
        assertFalse(problems.isEmpty());
    }
}
