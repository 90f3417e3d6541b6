package org.ferrymq.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI description cannot drift from the server: it is valid for the reference parser,
 * it documents exactly the routes the running console registers (method and path), every path
 * parameter is declared, and the console serves it as JSON and YAML behind the same login.
 */
@Timeout(60)
class OpenApiDescriptionIT {
    @TempDir
    static Path dataDir;
    static ConsoleFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ConsoleFixture(dataDir);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static String committedYaml() throws Exception {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(OpenApiRoute.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static OpenAPI parsed(String text) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(text, null, options);
        assertThat(result.getMessages()).as("the OpenAPI parser's complaints").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        return result.getOpenAPI();
    }

    private static Set<String> documentedOperations(OpenAPI api) {
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (PathItem.HttpMethod method : path.getValue().readOperationsMap().keySet()) {
                out.add(method.name() + " " + path.getKey());
            }
        }
        return out;
    }

    @Test
    void theDescriptionIsValidOpenApi3() throws Exception {
        OpenAPI api = parsed(committedYaml());
        assertThat(api.getOpenapi()).startsWith("3.");
        assertThat(api.getComponents().getSecuritySchemes()).containsKey("basicAuth");
    }

    @Test
    void documentedOperationsAreExactlyTheServedRoutes() throws Exception {
        Set<String> documented = documentedOperations(parsed(committedYaml()));
        Set<String> served = new TreeSet<>(fixture.console.routes());
        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        Set<String> notServed = new TreeSet<>(documented);
        notServed.removeAll(served);
        assertThat(undocumented).as("routes missing from openapi/ferrymq-api.yaml").isEmpty();
        assertThat(notServed).as("documented operations the console does not serve").isEmpty();
        assertThat(served).hasSizeGreaterThan(70);
    }

    @Test
    void everyPathParameterIsDeclared() throws Exception {
        OpenAPI api = parsed(committedYaml());
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            Set<String> inTemplate = new TreeSet<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
                Set<String> declared = new TreeSet<>();
                for (java.util.List<Parameter> list : java.util.Arrays.asList(path.getValue().getParameters(),
                        op.getValue().getParameters())) {
                    if (list != null) {
                        list.stream().filter(p -> "path".equals(p.getIn())).forEach(p -> declared.add(p.getName()));
                    }
                }
                assertThat(declared).as(op.getKey() + " " + path.getKey()).isEqualTo(inTemplate);
                assertThat(op.getValue().getResponses()).as(op.getKey() + " " + path.getKey()).isNotEmpty();
            }
        }
    }

    @Test
    void theConsoleServesItAsJsonAndYamlBehindLogin() throws Exception {
        assertThat(fixture.call("GET", "/api/openapi.json", null, null, null).statusCode()).isEqualTo(401);

        HttpResponse<String> json = fixture.admin("GET", "/api/openapi.json", null);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        OpenAPI fromJson = parsed(json.body());
        assertThat(fromJson.getServers().get(0).getUrl()).isEqualTo("http://127.0.0.1:" + fixture.console.port());

        HttpResponse<String> yaml = fixture.admin("GET", "/api/openapi.yaml", null);
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/yaml"));
        assertThat(documentedOperations(parsed(yaml.body()))).isEqualTo(documentedOperations(fromJson))
                .isEqualTo(documentedOperations(parsed(committedYaml())));

        // the served document is the committed one apart from servers
        JsonNode served = ConsoleFixture.JSON.readTree(json.body());
        JsonNode committed = new YAMLMapper().readTree(committedYaml());
        for (Iterator<String> it = committed.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("servers")) {
                assertThat(served.get(field)).as(field).isEqualTo(committed.get(field));
            }
        }
    }
}
