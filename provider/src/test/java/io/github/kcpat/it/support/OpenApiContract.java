package io.github.kcpat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Response;
import io.vertx.openapi.validation.ResponseParameter;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableResponseImpl;

/**
 * Holds the server to {@code docs/openapi.yaml}: {@link Http} hands it every response, and a response to a request
 * whose method and path the document describes must have a status documented for that operation, a documented content
 * type, the documented headers and a body its schema accepts — else the test fails at once, naming the operation and
 * what differs. Requests the document does not describe (Keycloak's own endpoints) pass unseen.
 *
 * <p>The validation is vertx-openapi's (OpenAPI 3.1, JSON Schema 2020-12). Each test JVM writes its tally, per
 * operation and status, to {@code target/openapi-validation/<database>-<Keycloak>-<time>-<pid>.txt} when it ends, every
 * documented operation and status included, so that {@code src/test/openapi-summary.sh} can add up all failsafe runs
 * and name what no test reached.
 */
public final class OpenApiContract {

    /** The document, from the provider module (the tests' working directory) or the repository root. */
    public static final Path DOCUMENT = Files.exists(Path.of("../docs/openapi.yaml")) ? Path.of("../docs/openapi.yaml")
            : Path.of("docs/openapi.yaml");

    private static final long TIMEOUT_SECONDS = 30;

    private final OpenAPIContract contract;
    private final ResponseValidator validator;
    /** "operationId status" → [validated, failed], sorted for the report. */
    private final Map<String, AtomicInteger[]> tally = new ConcurrentHashMap<>();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    private OpenApiContract(Vertx vertx, OpenAPIContract contract) {
        this.contract = contract;
        this.validator = ResponseValidator.create(vertx, contract);
        contract.operations().forEach(operation -> statuses(operation).forEach(status -> counters(operation.getOperationId(), status)));
    }

    private static final class Holder {
        static final OpenApiContract INSTANCE = start();
    }

    /** The contract the ITs validate against, loaded on first use; its tally is written when the JVM ends. */
    static OpenApiContract instance() {
        return Holder.INSTANCE;
    }

    private static OpenApiContract start() {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
        OpenApiContract checker = new OpenApiContract(vertx, load(vertx));
        Runtime.getRuntime().addShutdownHook(new Thread(checker::writeTally, "openapi-tally"));
        return checker;
    }

    /**
     * {@code docs/openapi.yaml} as vertx-openapi reads it: validated against OpenAPI 3.1's schema, every {@code $ref}
     * resolved. vertx-openapi does not take server variables, so the {@code {keycloak}} server is swapped for a plain
     * URL with the same (empty) base path: paths are matched as the document writes them.
     */
    public static OpenAPIContract load(Vertx vertx) {
        JsonObject document = new JsonObject(readYaml(DOCUMENT));
        document.put("servers", new JsonArray().add(new JsonObject().put("url", "http://localhost")));
        return await(OpenAPIContract.from(vertx, document).toCompletionStage().toCompletableFuture());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readYaml(Path path) {
        try {
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks one response; throws {@link AssertionError} when the document describes the request and the response differs. */
    void check(String method, URI uri, int status, HttpHeaders headers, String body) {
        Operation operation = contract.findOperation(uri.getRawPath(), HttpMethod.valueOf(method));
        if (operation == null) {
            return;
        }
        String problem = problem(operation, method, status, headers, body);
        counters(operation.getOperationId(), status)[problem == null ? 0 : 1].incrementAndGet();
        if (problem != null) {
            String message = "docs/openapi.yaml: " + method + " " + uri.getRawPath() + " -> " + status + " does not match operation "
                    + operation.getOperationId() + ": " + problem + "\n  body: " + abbreviated(body);
            failures.add(message);
            throw new AssertionError(message);
        }
    }

    /** What differs, or null when the response is as documented. */
    private String problem(Operation operation, String method, int status, HttpHeaders headers, String body) {
        Response documented = operation.getResponse(status);
        if (documented == null) {
            return "status " + status + " is not documented (documented: " + statuses(operation) + ")";
        }
        if ("HEAD".equals(method)) {
            return null; // no body, by definition: the status is what a HEAD response tells
        }
        String contentType = headers.firstValue("Content-Type").orElse(null);
        boolean hasBody = body != null && !body.isEmpty();
        if (documented.getContent().isEmpty()) {
            return hasBody ? "a body (" + contentType + ") where the document describes none" : validate(operation, status, headers, null, null);
        }
        if (!hasBody) {
            return "no body where the document describes " + documented.getContent().keySet();
        }
        if (!documented.getContent().containsKey(contentType)) {
            return "content type " + contentType + " is not documented (documented: " + documented.getContent().keySet() + ")";
        }
        return validate(operation, status, headers, body, contentType);
    }

    private String validate(Operation operation, int status, HttpHeaders headers, String body, String contentType) {
        // the documented headers are looked up by the document's spelling: hand them over case-insensitively
        Map<String, ResponseParameter> received = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.map().forEach((name, values) -> received.put(name, new RequestParameterImpl(String.join(", ", values))));
        var response = new ValidatableResponseImpl(status, received,
                new RequestParameterImpl(body == null ? null : Buffer.buffer(body)), contentType);
        try {
            validator.validate(response, operation.getOperationId()).toCompletionStage().toCompletableFuture()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return describe(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("OpenAPI validation took over " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** The validator's message, with each schema error's place in the body. */
    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (failure instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
            List<OutputUnit> errors = schema.getOutputUnit().getErrors();
            if (errors != null && !errors.isEmpty()) {
                message += errors.stream().map(error -> error.getInstanceLocation() + ": " + error.getError()
                        + " (" + error.getKeywordLocation() + ")").collect(Collectors.joining("\n    ", "\n    ", ""));
            }
        }
        return message;
    }

    private static String abbreviated(String body) {
        return body == null || body.length() <= 2000 ? body : body.substring(0, 2000) + "…";
    }

    private AtomicInteger[] counters(String operationId, int status) {
        return tally.computeIfAbsent(operationId + "\t" + status, k -> new AtomicInteger[] {new AtomicInteger(), new AtomicInteger()});
    }

    private static List<Integer> statuses(Operation operation) {
        return operation.getOpenAPIModel().getJsonObject("responses", new JsonObject()).fieldNames().stream()
                .filter(code -> code.matches("\\d{3}")).map(Integer::valueOf).sorted().toList();
    }

    /** One line per operation and status: {@code operationId, status, validated, failed}; then the failures. */
    private void writeTally() {
        if (tally.values().stream().allMatch(counts -> counts[0].get() + counts[1].get() == 0)) {
            return;
        }
        String run = System.getProperty("keycloak.db", "h2") + "-" + Path.of(System.getProperty("keycloak.home", "keycloak")).getFileName()
                + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")) + "-" + ProcessHandle.current().pid();
        StringBuilder text = new StringBuilder("# OpenAPI validation of one failsafe run: ").append(run)
                .append("\n# operationId\tstatus\tvalidated\tfailed\n");
        new TreeMap<>(tally).forEach((key, counts) -> text.append(key).append('\t').append(counts[0].get()).append('\t')
                .append(counts[1].get()).append('\n'));
        synchronized (failures) {
            failures.forEach(failure -> text.append("# FAILED ").append(failure.replace("\n", "\n#   ")).append('\n'));
        }
        try {
            Path directory = Path.of(System.getProperty("openapi.validation.dir", "target/openapi-validation"));
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(run + ".txt"), text);
        } catch (IOException e) {
            System.err.println("Could not write the OpenAPI validation tally: " + e);
        }
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("docs/openapi.yaml is not a contract vertx-openapi accepts: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
