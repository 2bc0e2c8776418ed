package org.magicsteps.http;

import static org.magicsteps.http.BadInputCase.Expected.accepted;
import static org.magicsteps.http.BadInputCase.Expected.refused;
import static org.magicsteps.http.BadInputCase.Expected.refusedOrAccepted;
import static org.magicsteps.http.BadInputCase.Expected.warned;
import static org.magicsteps.http.BadInputCase.Expected.refusedWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.magicsteps.http.BadInputCase.Expected;

/**
 * Builds the bad-input table from what the server says about itself: its OpenAPI document (every
 * operation, its parameters and request schemas, their examples) and {@code GET /features} (each
 * feature's type, bounds and categories). Nothing here names a route or a bound, so a route added
 * to the document, or a model with other features, is covered without a change here.
 *
 * <p>Each kind of bad input is applied wherever it fits: body kinds to every route that takes a
 * body of that type, field kinds to every field of the request schemas (nested ones too), feature
 * kinds to every place a request holds a student's features, parameter kinds to every documented
 * parameter, header and protocol kinds to every route.
 */
final class BadInputCases {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Put into a document where raw JSON text (not a value Jackson would write) goes. */
    private static final String RAW = "@@raw-json@@";
    private static final Pattern RANGE = Pattern.compile("(\\d+)\\s*[–-]\\s*(\\d+)");
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    /** A documented operation. */
    record Operation(String method, String path, JsonNode spec) {

        String route() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    private final JsonNode document;
    private final JsonNode features;
    private final String token;
    private final Map<String, String> pathValues;
    private final int maxBatchSize;
    private final long maxBodyBytes;
    private final java.util.function.Predicate<Operation> takesItsExample;
    private final AtomicInteger names = new AtomicInteger();
    private final List<BadInputCase> cases = new ArrayList<>();

    /**
     * @param document the server's {@code /openapi.json}
     * @param features the server's {@code /features}
     * @param token a token for every secured route (an admin's, so that admin routes get to the input)
     * @param pathValues valid values of path parameters by name, as the server reports them (a student the
     *     feature store holds, a model it serves and its version); others take the document's example
     * @param takesItsExample whether the server answers a route's {@link #validBody valid body} with a 2xx here
     *     (an example may need what this server lacks, such as a bundle directory): where it does not, the
     *     kinds that expect a valid body to be answered only expect no 5xx and a reason if refused
     */
    BadInputCases(JsonNode document, JsonNode features, String token, Map<String, String> pathValues, int maxBatchSize,
            long maxBodyBytes, java.util.function.Predicate<Operation> takesItsExample) {
        this.takesItsExample = takesItsExample;
        this.document = document;
        this.features = features;
        this.token = token;
        this.pathValues = Map.copyOf(pathValues);
        this.maxBatchSize = maxBatchSize;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Every operation the document lists. */
    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> {
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    operations.add(new Operation(method, path.getKey(), path.getValue().get(method)));
                }
            }
        });
        return operations;
    }

    List<BadInputCase> build() {
        cases.clear();
        for (Operation op : operations()) {
            protocolKinds(op);
            headerKinds(op);
            parameterKinds(op);
            String contentType = requestContentType(op);
            if (contentType == null) {
                continue;
            }
            if (contentType.equals("application/json")) {
                bodyKinds(op);
                JsonNode schema = resolve(op.spec().at("/requestBody/content/application~1json/schema"));
                fieldKinds(op, schema, List.of(), validBody(op));
            } else if (contentType.equals("application/x-www-form-urlencoded")) {
                formKinds(op);
            } else if (contentType.startsWith("multipart/")) {
                uploadKinds(op);
            }
        }
        return List.copyOf(cases);
    }

    // ---- the whole request: request line, method, framing ------------------------------------

    private void protocolKinds(Operation op) {
        String target = target(op, Map.of());
        add("a method the route does not have", op, "", BadRequest.of(
                op.method().equals("delete") ? "PATCH" : "DELETE", target).bearer(token),
                refusedWith(405, "method not allowed"));
        add("a method HTTP does not know", op, "", BadRequest.of("BREW", target).bearer(token), refused());
        add("no Host header", op, "", BadRequest.of(op.method().toUpperCase(Locale.ROOT), target).withoutHost()
                .bearer(token), refusedWith(400));
        add("a request line with a raw space in the path", op, "", BadRequest.of(
                op.method().toUpperCase(Locale.ROOT), target.replaceFirst("/", "/ x/")).bearer(token), refused());
        add("a path with a NUL byte, percent-encoded", op, "", BadRequest.of(
                op.method().toUpperCase(Locale.ROOT), target + "%00").bearer(token), refused());
        add("a broken percent-escape in the path", op, "", BadRequest.of(
                op.method().toUpperCase(Locale.ROOT), target + "%zz").bearer(token), refused());
        add("dot segments climbing above the root", op, "", BadRequest.of(
                op.method().toUpperCase(Locale.ROOT), "/../../../etc/passwd" + target).bearer(token), refused());
        add("a broken percent-escape in the query", op, "", BadRequest.of(
                op.method().toUpperCase(Locale.ROOT), target + (target.contains("?") ? "&" : "?") + "a=%zz")
                .bearer(token), refusedOrAccepted());
        add("Content-Length and Transfer-Encoding both given (request smuggling)", op, "",
                BadRequest.of(op.method().toUpperCase(Locale.ROOT), target).bearer(token)
                        .header("Content-Length", "4").header("Transfer-Encoding", "chunked")
                        .body(null, "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), refusedWith(400));
        add("two different Content-Length headers", op, "",
                BadRequest.of(op.method().toUpperCase(Locale.ROOT), target).bearer(token)
                        .header("Content-Length", "2").header("Content-Length", "3")
                        .body(null, "{}".getBytes(StandardCharsets.US_ASCII)), refusedWith(400));
        add("a Content-Length that is not a number", op, "",
                BadRequest.of(op.method().toUpperCase(Locale.ROOT), target).bearer(token)
                        .header("Content-Length", "twelve"), refusedWith(400));
    }

    // ---- headers -------------------------------------------------------------------------

    private void headerKinds(Operation op) {
        String method = op.method().toUpperCase(Locale.ROOT);
        String target = target(op, Map.of());
        add("a CR inside a header value (header injection)", op, "X-Request-Id", BadRequest.of(method, target)
                .bearer(token).rawHeader("X-Request-Id: abc\rX-Injected: yes".getBytes(StandardCharsets.ISO_8859_1)),
                refusedWith(400));
        add("a NUL byte inside a header value", op, "X-Request-Id", BadRequest.of(method, target)
                .bearer(token).rawHeader("X-Request-Id: abc\0def".getBytes(StandardCharsets.ISO_8859_1)),
                refusedWith(400));
        add("an obsolete folded header line", op, "X-Request-Id", BadRequest.of(method, target)
                .bearer(token).rawHeader("X-Request-Id: abc\r\n  X-Injected: yes".getBytes(StandardCharsets.ISO_8859_1)),
                refusedWith(400));
        add("a header name with a space before the colon", op, "", BadRequest.of(method, target)
                .bearer(token).rawHeader("X-Request-Id : abc".getBytes(StandardCharsets.ISO_8859_1)), refusedWith(400));
        add("headers larger than the server accepts", op, "X-Padding", BadRequest.of(method, target)
                .bearer(token).header("X-Padding", "x".repeat(64 * 1024)), refusedWith(431));
        if (isSignedIn(op)) {
            add("no Authorization header", op, "Authorization", BadRequest.of(method, target),
                    refusedWith(401, "not authenticated"));
            add("an Authorization header of garbage", op, "Authorization", BadRequest.of(method, target)
                    .header("Authorization", "Bearer " + "%$#".repeat(300)), refusedWith(401, "credentials"));
            add("an Authorization header with bytes that are not UTF-8", op, "Authorization",
                    BadRequest.of(method, target).rawHeader(bytes("Authorization: Bearer ", new byte[] {(byte) 0xff,
                        (byte) 0xfe, 'a'})), refusedWith(401));
            add("an Authorization scheme other than Bearer", op, "Authorization", BadRequest.of(method, target)
                    .header("Authorization", "Digest username=\"ana\""), refusedWith(401, "not authenticated"));
        }
        // A value the server would copy into its answer's X-Request-Id: refused as an id, never reflected.
        add("a request id with an encoded CR LF and a header after it", op, "X-Request-Id", withValidBody(op,
                BadRequest.of(method, target).bearer(token).header("X-Request-Id", "abc%0d%0aX-Injected:%20yes")),
                acceptedOrRefusedForItsBody(op));
        add("a request id in Unicode and 300 characters long", op, "X-Request-Id", withValidBody(op,
                BadRequest.of(method, target).bearer(token).header("X-Request-Id", "\u202e" + "é".repeat(300))),
                acceptedOrRefusedForItsBody(op));
    }

    /** Whether a request carrying this route's valid body (if any) is taken: the header alone must not matter. */
    private Expected acceptedOrRefusedForItsBody(Operation op) {
        return isMutating(op) ? refusedOrAccepted() : accepted();
    }

    private BadRequest withValidBody(Operation op, BadRequest request) {
        String contentType = requestContentType(op);
        if ("application/json".equals(contentType)) {
            return request.json(write(validBody(op)));
        }
        if ("application/x-www-form-urlencoded".equals(contentType)) {
            return request.body(contentType, "username=nobody&password=wrong-password".getBytes(StandardCharsets.UTF_8));
        }
        return request;
    }

    // ---- parameters ------------------------------------------------------------------------

    private void parameterKinds(Operation op) {
        JsonNode parameters = op.spec().path("parameters");
        for (JsonNode p : parameters) {
            String name = p.path("name").asText();
            String in = p.path("in").asText();
            String type = resolve(p.path("schema")).path("type").asText("string");
            if (in.equals("path")) {
                pathParameterKinds(op, name);
            } else if (in.equals("query")) {
                queryParameterKinds(op, name, type, p.path("description").asText(""));
            }
        }
    }

    private void pathParameterKinds(Operation op, String name) {
        // The refusal names the parameter, or what it names: the collection before it, singular
        // (/students/{student_id} → "student", /models/{name} → "model"), or says the URI broke a rule.
        String[] segments = op.path().substring(0, op.path().indexOf("{" + name + "}")).split("/");
        String collection = segments.length == 0 ? name : segments[segments.length - 1].replaceAll("s$", "");
        Expected refusal = refused(name, collection.isEmpty() ? name : collection, "not found", "request line");
        Map<String, String> kinds = new java.util.LinkedHashMap<>();
        kinds.put("path traversal, percent-encoded, in a path parameter", "..%2F..%2F..%2Fetc%2Fpasswd");
        kinds.put("path traversal with encoded dots in a path parameter", "%2e%2e%2f%2e%2e%2fetc%2fpasswd");
        kinds.put("an overlong UTF-8 encoding of '../' in a path parameter", "%c0%ae%c0%ae%c0%af");
        kinds.put("a NUL byte in a path parameter", "RA-1%00.json");
        kinds.put("an encoded CR LF in a path parameter", "RA-1%0d%0aX-Injected:%20yes");
        kinds.put("a right-to-left override in a path parameter", "RA-%E2%80%AE1");
        kinds.put("a glob pattern in a path parameter", "RA-*");
        kinds.put("3,000 characters in a path parameter", "R".repeat(3000));
        kinds.put("a value nobody stored in a path parameter", "RA-does-not-exist");
        kinds.forEach((kind, value) -> add(kind, op, name,
                withValidBody(op, BadRequest.of(op.method().toUpperCase(Locale.ROOT), target(op, Map.of(name, value)))
                        .bearer(token)), refusal));
    }

    private void queryParameterKinds(Operation op, String name, String type, String description) {
        String method = op.method().toUpperCase(Locale.ROOT);
        // The rest of the request is valid, so that the parameter is the only thing wrong with it.
        Function<String, BadRequest> with = value -> withValidBody(op, BadRequest.of(method, target(op, Map.of()) + "?"
                + name + "=" + value).bearer(token));
        if (type.equals("integer") || type.equals("number")) {
            add("a word where the query wants a number", op, name, with.apply("ten"), refusedWith(422, name));
            add("a fraction where the query wants a whole number", op, name, with.apply("1.5"), refusedWith(422, name));
            add("a number past the 64-bit range in the query", op, name, with.apply("99999999999999999999999"),
                    refusedWith(422, name));
            add("hexadecimal in the query", op, name, with.apply("0x10"), refusedWith(422, name));
            add("an empty number in the query", op, name, with.apply(""), refusedWith(422, name));
            Matcher range = RANGE.matcher(description);
            if (range.find()) {
                long low = Long.parseLong(range.group(1));
                long high = Long.parseLong(range.group(2));
                add("a query number at its lower bound", op, name, with.apply(Long.toString(low)), accepted());
                add("a query number at its upper bound", op, name, with.apply(Long.toString(high)), accepted());
                add("a query number one below its lower bound", op, name, with.apply(Long.toString(low - 1)),
                        refusedWith(422, name));
                add("a query number one above its upper bound", op, name, with.apply(Long.toString(high + 1)),
                        refusedWith(422, name));
            }
            return;
        }
        // Names that become paths (a model, a file) must not climb out of where they belong.
        boolean becomesAPath = name.contains("model") || name.contains("file") || name.contains("path");
        Expected traversal = becomesAPath ? refused(name) : refusedOrAccepted(name);
        add("path traversal in a query value", op, name, with.apply("..%2F..%2Fetc%2Fpasswd"), traversal);
        add("an absolute path in a query value", op, name, with.apply("%2Fetc%2Fpasswd"), traversal);
        add("a NUL byte in a query value", op, name, with.apply("abc%00def"), refusedOrAccepted(name));
        add("an encoded CR LF in a query value", op, name, with.apply("abc%0d%0aX-Injected:%20yes"),
                refusedOrAccepted(name));
        add("bytes that are not UTF-8 in a query value", op, name, with.apply("%ff%fe"), refusedOrAccepted(name));
        add("an encoded lone surrogate in a query value", op, name, with.apply("%ed%a0%80"), refusedOrAccepted(name));
        add("2,000 characters in a query value", op, name, with.apply("q".repeat(2000)), refusedOrAccepted(name));
        if (description.contains("ISO-8601") || name.equals("from") || name.equals("to")) {
            add("a date that does not exist", op, name, with.apply("2024-02-30"), refusedWith(422, name));
            add("a month 13", op, name, with.apply("2024-13-01T00:00:00Z"), refusedWith(422, name));
            add("a date in words", op, name, with.apply("yesterday"), refusedWith(422, name));
            add("an epoch number where a date belongs", op, name, with.apply("1714564800"), refusedWith(422, name));
        }
        if (name.contains("cursor")) {
            add("a cursor the server never issued", op, name, with.apply("not-a-cursor"), refusedWith(422, name));
            add("a cursor of valid base64 holding garbage", op, name, with.apply("Z2FyYmFnZQ"), refusedWith(422, name));
        }
    }

    // ---- JSON bodies as a whole ---------------------------------------------------------------

    private void bodyKinds(Operation op) {
        String method = op.method().toUpperCase(Locale.ROOT);
        String target = target(op, Map.of());
        // Each case its own valid body: a registration's username is new each time.
        java.util.function.Supplier<String> fresh = () -> write(validBody(op));
        String valid = fresh.get();
        Function<String, BadRequest> json = text -> BadRequest.of(method, target).bearer(token).json(text);
        // An optional body may be left out; then only a refusal must name the body.
        boolean takes = takesItsExample.test(op);
        Expected noBody = op.spec().path("requestBody").path("required").asBoolean(false) ? refusedWith(422, "body")
                : takes ? refusedOrAccepted("body") : refusedOrAccepted();
        Expected answered = takes ? accepted() : refusedOrAccepted();
        add("an empty body", op, "", json.apply(""), noBody);
        add("a body of whitespace", op, "", json.apply(" \n\t "), noBody);
        add("JSON null as the body", op, "", json.apply("null"), refusedWith(422, "body"));
        add("a JSON array as the body", op, "", json.apply("[" + valid + "]"), refusedWith(422, "body"));
        add("a JSON string as the body", op, "", json.apply("\"students\""), refusedWith(422, "body"));
        add("a JSON number as the body", op, "", json.apply("42"), refusedWith(422, "body"));
        add("JSON true as the body", op, "", json.apply("true"), refusedWith(422, "body"));
        add("a body cut in half", op, "", json.apply(valid.substring(0, valid.length() / 2)),
                refusedWith(400, "malformed json"));
        add("a body missing its closing brace", op, "", json.apply(valid.substring(0, valid.length() - 1)),
                refusedWith(400, "malformed json"));
        add("text after the JSON", op, "", json.apply(valid + " trailing"), refusedWith(400, "malformed json"));
        add("two JSON documents in one body", op, "", json.apply(valid + valid), refusedWith(400, "malformed json"));
        add("single-quoted JSON", op, "", json.apply(valid.replace('"', '\'')), refusedWith(400, "malformed json"));
        add("unquoted keys", op, "", json.apply(valid.replaceAll("\"([a-z_]+)\":", "$1:")),
                refusedWith(400, "malformed json"));
        add("a trailing comma", op, "", json.apply(valid.substring(0, valid.length() - 1) + ",}"),
                refusedWith(400, "malformed json"));
        add("a comment in the JSON", op, "", json.apply("/* hi */" + valid), refusedWith(400, "malformed json"));
        add("bytes that are not UTF-8 in a string", op, "", BadRequest.of(method, target).bearer(token)
                .body("application/json", bytes("{\"x\": \"", new byte[] {(byte) 0xc3, (byte) 0x28}, "\"}")),
                refusedWith(400, "utf-8"));
        add("Latin-1 text declared as JSON", op, "", BadRequest.of(method, target).bearer(token)
                .body("application/json; charset=ISO-8859-1", withField(valid, "\"nome\":\"Jos\u00e9\"")
                        .getBytes(StandardCharsets.ISO_8859_1)), refusedWith(400, "utf-8"));
        add("arrays nested 5,000 deep", op, "", json.apply("[".repeat(5000) + "]".repeat(5000)),
                refusedWith(400, "nesting"));
        add("objects nested 5,000 deep", op, "", json.apply("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)),
                refusedWith(400, "nesting"));
        add("a number of 2,000 digits", op, "", json.apply("{\"x\": " + "9".repeat(2000) + "}"),
                refusedWith(400, "number"));
        add("a body past the limit, with Content-Length", op, "", json.apply(padded(valid, maxBodyBytes + 1)),
                refusedWith(413, "too large"));
        add("a body past the limit, chunked", op, "", json.apply(padded(valid, maxBodyBytes * 3)).chunked(),
                refusedWith(413, "too large"));
        add("a Content-Length longer than the body sent", op, "", BadRequest.of(method, target).bearer(token)
                .header("Content-Length", Integer.toString(valid.length() + 100)).json(valid), refusedWith(400));
        add("a chunk size that is not hexadecimal", op, "", BadRequest.of(method, target).bearer(token)
                .header("Transfer-Encoding", "chunked").body("application/json",
                        ("zz\r\n" + valid + "\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8)), refusedWith(400));
        add("a JSON lone surrogate escape in a string", op, "", json.apply(withField(valid, "\"x\":\"\\ud800\"")),
                refused("surrogate"));
        add("JSON sent as text/plain", op, "", BadRequest.of(method, target).bearer(token)
                .body("text/plain", valid.getBytes(StandardCharsets.UTF_8)), refusedWith(415, "content-type"));
        add("JSON sent as a form (curl -d without -H)", op, "", BadRequest.of(method, target).bearer(token)
                .body("application/x-www-form-urlencoded", valid.getBytes(StandardCharsets.UTF_8)),
                refusedWith(415, "content-type"));
        add("JSON sent as multipart/form-data", op, "", BadRequest.of(method, target).bearer(token)
                .body("multipart/form-data; boundary=x", valid.getBytes(StandardCharsets.UTF_8)),
                refusedWith(415, "content-type"));
        add("JSON sent as XML", op, "", BadRequest.of(method, target).bearer(token)
                .body("application/xml", valid.getBytes(StandardCharsets.UTF_8)), refusedWith(415, "content-type"));
        add("a Content-Type that is not a media type", op, "", BadRequest.of(method, target).bearer(token)
                .body(";;;", valid.getBytes(StandardCharsets.UTF_8)), refusedWith(415, "content-type"));
        add("a UTF-8 byte-order mark before the JSON", op, "", BadRequest.of(method, target).bearer(token)
                .body("application/json", bytes("", new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, fresh.get())),
                answered);
        add("no Content-Type at all (FastAPI reads it as JSON)", op, "", BadRequest.of(method, target).bearer(token)
                .body(null, fresh.get().getBytes(StandardCharsets.UTF_8)), answered);
        String another = fresh.get();
        add("an unknown top-level field (ignored, as FastAPI does)", op, "", json.apply(
                withField(another, "\"unexpected_field\":1")), answered);
    }

    // ---- fields of a JSON body, at any depth ---------------------------------------------------

    private void fieldKinds(Operation op, JsonNode schema, List<Object> at, JsonNode valid) {
        if (isFeatureSchema(schema)) {
            featureKinds(op, at);
            return;
        }
        String type = type(schema);
        if (type.equals("object")) {
            JsonNode properties = schema.path("properties");
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            properties.fields().forEachRemaining(property -> {
                String name = property.getKey();
                JsonNode propertySchema = resolve(property.getValue());
                List<Object> path = append(at, name);
                String where = where(path);
                wrongTypeKinds(op, path, type(propertySchema), name);
                if (required.contains(name)) {
                    add("a required field left out", op, where, jsonRequest(op, remove(validBody(op), path)),
                            refusedWith(422, name));
                    add("a required field given null", op, where, jsonRequest(op, set(validBody(op), path, NODES.nullNode())),
                            refusedWith(422, name));
                }
                add("a field given twice", op, where, duplicated(op, path), refusedWith(400, "duplicate"));
                if (name.equals("student_id")) {
                    studentIdKinds(op, path);
                }
                if (name.equals("username")) {
                    usernameKinds(op, path);
                }
                if (name.equals("password")) {
                    passwordKinds(op, path);
                }
                if (type(propertySchema).equals("number")) {
                    numberFieldKinds(op, path, name);
                }
                if (type(propertySchema).equals("array") && holdsFeatures(resolve(propertySchema.path("items")))) {
                    arrayKinds(op, path, name, resolve(propertySchema.path("items")));
                }
                fieldKinds(op, propertySchema, path, valid);
            });
        } else if (type.equals("array")) {
            fieldKinds(op, resolve(schema.path("items")), append(at, 0), valid);
        }
    }

    private void wrongTypeKinds(Operation op, List<Object> path, String type, String name) {
        Map<String, JsonNode> wrong = new java.util.LinkedHashMap<>();
        switch (type) {
            case "string" -> {
                wrong.put("a fraction where a string belongs", NODES.numberNode(1.5));
                wrong.put("a boolean where a string belongs", NODES.booleanNode(true));
                wrong.put("an object where a string belongs", NODES.objectNode());
                wrong.put("an array where a string belongs", NODES.arrayNode().add("x"));
            }
            case "number", "integer" -> {
                wrong.put("a word where a number belongs", NODES.textNode("abc"));
                wrong.put("a quoted number where a number belongs", NODES.textNode("0.5"));
                wrong.put("a boolean where a number belongs", NODES.booleanNode(false));
                wrong.put("an array where a number belongs", NODES.arrayNode().add(0.5));
            }
            case "object" -> {
                wrong.put("a string where an object belongs", NODES.textNode("abc"));
                wrong.put("a number where an object belongs", NODES.numberNode(3));
                wrong.put("an array where an object belongs", NODES.arrayNode());
            }
            case "array" -> {
                wrong.put("an object where an array belongs", NODES.objectNode());
                wrong.put("a string where an array belongs", NODES.textNode("abc"));
                wrong.put("a number where an array belongs", NODES.numberNode(1));
            }
            default -> {
                // booleans and untyped fields: nothing is of the wrong JSON type
            }
        }
        wrong.forEach((kind, value) -> add(kind, op, where(path), jsonRequest(op, set(validBody(op), path, value)),
                refusedWith(422, name)));
    }

    /** Every number field refuses what is not a finite number; a threshold, what is not a probability. */
    private void numberFieldKinds(Operation op, List<Object> path, String name) {
        String where = where(path);
        add("NaN as a bare JSON literal", op, where, raw(op, path, "NaN"), refusedWith(400, "malformed json"));
        add("Infinity as a bare JSON literal", op, where, raw(op, path, "Infinity"), refusedWith(400, "malformed json"));
        add("1e309, past the largest double", op, where, raw(op, path, "1e309"), refusedWith(422, name));
        add("-1e309, past the smallest double", op, where, raw(op, path, "-1e309"), refusedWith(422, name));
        if (!name.contains("threshold")) {
            return;
        }
        add("a probability at 0", op, where, raw(op, path, "0"), accepted());
        add("a probability at 1", op, where, raw(op, path, "1"), accepted());
        add("the largest double", op, where, raw(op, path, Double.toString(Double.MAX_VALUE)), refusedWith(422, name));
        add("the next double below zero", op, where, raw(op, path, Double.toString(-Double.MIN_VALUE)),
                refusedWith(422, name));
        add("the next double above one", op, where, raw(op, path, Double.toString(Math.nextUp(1.0))),
                refusedWith(422, name));
    }

    private void arrayKinds(Operation op, List<Object> path, String name, JsonNode itemSchema) {
        String where = where(path);
        JsonNode item = at(validBody(op), append(path, 0));
        add("an empty batch", op, where, jsonRequest(op, set(validBody(op), path, NODES.arrayNode())),
                refusedWith(422, name));
        add("a batch one larger than the server's maximum", op, where,
                jsonRequest(op, set(validBody(op), path, repeated(item, maxBatchSize + 1))), refusedWith(422, name));
        add("a batch of exactly the server's maximum", op, where,
                jsonRequest(op, set(validBody(op), path, repeated(item, maxBatchSize))), accepted());
        add("a batch holding a null", op, where,
                jsonRequest(op, set(validBody(op), path, NODES.arrayNode().add(item).addNull())), refused(name));
        add("a batch of 100,000 entries", op, where, jsonRequest(op, set(validBody(op), path,
                repeated(NODES.objectNode(), 100_000))), refused(name, "too large"));
    }

    // ---- a student's features, wherever a request holds them ------------------------------------

    private void featureKinds(Operation op, List<Object> at) {
        String where = where(at);
        add("features as an empty object", op, where, jsonRequest(op, set(validBody(op), at, NODES.objectNode())),
                refusedWith(422, firstRequiredFeature()));
        // Ignored and named in the answer's warnings where the answer has warnings (the predictions);
        // /features/process has none, and ignores the name without a word (RELIABILITY.md).
        add("a feature the model does not have", op, where + ".shoe_size",
                jsonRequest(op, set(validBody(op), append(at, "shoe_size"), NODES.numberNode(42))),
                answersWithWarnings(op) ? warned("shoe_size") : accepted());
        String first = firstRequiredFeature();
        add("a feature name in capitals", op, where + "." + first, jsonRequest(op, rename(validBody(op), at, first,
                first.toUpperCase(Locale.ROOT))), refused(first));
        add("a feature given twice", op, where + "." + first, duplicated(op, append(at, first)),
                refusedWith(400, "duplicate"));
        boolean numericKindsDone = false;
        String richCategory = richCategory();
        for (JsonNode feature : features) {
            String name = feature.path("name").asText();
            List<Object> path = append(at, name);
            String w = where(path);
            if (feature.path("required").asBoolean(true)) {
                add("a required feature left out", op, w, jsonRequest(op, remove(validBody(op), path)),
                        refusedWith(422, name));
                add("a required feature given null", op, w, jsonRequest(op, set(validBody(op), path, NODES.nullNode())),
                        refusedWith(422, name));
            }
            if (!feature.path("categories").isArray()) {
                boundKinds(op, path, feature);
                if (!numericKindsDone) {
                    numericFeatureKinds(op, path, feature);
                    numericKindsDone = true;
                }
                if (feature.path("type").asText().equals("int")) {
                    add("a fraction for a whole-number feature", op, w,
                            jsonRequest(op, set(validBody(op), path, NODES.numberNode(midpoint(feature) + 0.5))),
                            refusedWith(422, name));
                    add("a whole number written with a decimal point", op, w,
                            raw(op, path, (long) midpoint(feature) + ".0"), accepted());
                }
            } else {
                categoryKinds(op, path, feature, name.equals(richCategory));
            }
        }
    }

    private void boundKinds(Operation op, List<Object> path, JsonNode feature) {
        String name = feature.path("name").asText();
        String w = where(path);
        boolean whole = feature.path("type").asText().equals("int");
        if (feature.hasNonNull("minimum")) {
            double min = feature.path("minimum").asDouble();
            add("a number at its minimum", op, w, raw(op, path, number(min, whole)), accepted());
            add("a number one step below its minimum", op, w,
                    raw(op, path, number(whole ? min - 1 : Math.nextDown(min), whole)), refusedWith(422, name));
        }
        if (feature.hasNonNull("maximum")) {
            double max = feature.path("maximum").asDouble();
            add("a number at its maximum", op, w, raw(op, path, number(max, whole)), accepted());
            add("a number one step above its maximum", op, w,
                    raw(op, path, number(whole ? max + 1 : Math.nextUp(max), whole)), refusedWith(422, name));
        }
        boolean zeroAllowed = feature.path("minimum").asDouble(Double.NEGATIVE_INFINITY) <= 0
                && feature.path("maximum").asDouble(Double.POSITIVE_INFINITY) >= 0;
        add("negative zero", op, w, raw(op, path, "-0"), zeroAllowed ? accepted() : refusedWith(422, name));
    }

    private void numericFeatureKinds(Operation op, List<Object> path, JsonNode feature) {
        String name = feature.path("name").asText();
        String w = where(path);
        String mid = number(midpoint(feature), feature.path("type").asText().equals("int"));
        add("NaN as a bare JSON literal", op, w, raw(op, path, "NaN"), refusedWith(400, "malformed json"));
        add("-Infinity as a bare JSON literal", op, w, raw(op, path, "-Infinity"), refusedWith(400, "malformed json"));
        add("\"NaN\" as text", op, w, raw(op, path, "\"NaN\""), refusedWith(422, name));
        add("\"Infinity\" as text", op, w, raw(op, path, "\"Infinity\""), refusedWith(422, name));
        add("1e309, past the largest double", op, w, raw(op, path, "1e309"), refusedWith(422, name));
        add("-1e309, past the smallest double", op, w, raw(op, path, "-1e309"), refusedWith(422, name));
        add("an integer of 400 digits", op, w, raw(op, path, "1" + "0".repeat(400)), refusedWith(422, name));
        add("a decimal comma, as Brazilian sheets write", op, w, raw(op, path, "\"" + (long) midpoint(feature) + ",5\""),
                refusedWith(422, name));
        add("hexadecimal text", op, w, raw(op, path, "\"0x1A\""), refusedWith(422, name));
        add("Java's double suffix", op, w, raw(op, path, "\"" + mid + "d\""), refusedWith(422, name));
        add("a number with a unit", op, w, raw(op, path, "\"" + mid + " pts\""), refusedWith(422, name));
        add("numeric text (accepted, as the original did)", op, w, raw(op, path, "\"" + mid + "\""), accepted());
        add("a boolean as a feature", op, w, raw(op, path, "true"), refusedWith(422, name));
        add("an array as a feature", op, w, raw(op, path, "[" + mid + "]"), refusedWith(422, name));
        add("an object as a feature", op, w, raw(op, path, "{\"value\": " + mid + "}"), refusedWith(422, name));
        add("Arabic-Indic digits", op, w, raw(op, path, "\"\u0663\""), refusedWith(422, name));
        add("full-width digits", op, w, raw(op, path, "\"\uff13\""), refusedWith(422, name));
    }

    private void categoryKinds(Operation op, List<Object> path, JsonNode feature, boolean allKinds) {
        String name = feature.path("name").asText();
        String w = where(path);
        String category = feature.path("categories").get(0).asText();
        // A feature that says it takes other words as "unknown" may answer them; all others refuse.
        boolean takesOthers = feature.path("range").asText().contains("others accepted");
        Expected unknownWord = takesOthers ? refusedOrAccepted(name) : refusedWith(422, name);
        add("a category the model does not know", op, w, jsonRequest(op, set(validBody(op), path,
                NODES.textNode("diamante-" + category))), unknownWord);
        add("a known category in other letter case", op, w, jsonRequest(op, set(validBody(op), path,
                NODES.textNode(category.toUpperCase(Locale.ROOT)))), accepted());
        if (!allKinds) {
            return;
        }
        add("a known category padded with spaces", op, w, jsonRequest(op, set(validBody(op), path,
                NODES.textNode("  " + category + "\t"))), accepted());
        add("a number where a category belongs", op, w, raw(op, path, "7"), refusedWith(422, name));
        add("a boolean where a category belongs", op, w, raw(op, path, "false"), refusedWith(422, name));
        // Inside the word: String.trim() takes control characters at the ends for whitespace.
        add("a category with a NUL byte", op, w, jsonRequest(op, set(validBody(op), path,
                NODES.textNode(category.charAt(0) + "\u0000" + category.substring(1)))), unknownWord);
        add("a category in look-alike Cyrillic letters", op, w, jsonRequest(op, set(validBody(op), path,
                NODES.textNode(category.replace('a', '\u0430').replace('e', '\u0435').replace('o', '\u043e')))),
                unknownWord);
        add("a category of 10,000 letters", op, w, jsonRequest(op, set(validBody(op), path,
                NODES.textNode("x".repeat(10_000)))), unknownWord);
        add("an empty category (left out)", op, w, jsonRequest(op, set(validBody(op), path, NODES.textNode(""))),
                feature.path("required").asBoolean(true) ? refusedWith(422, name) : accepted());
    }

    // ---- names: student ids, usernames, passwords -------------------------------------------------

    private void studentIdKinds(Operation op, List<Object> path) {
        String w = where(path);
        Map<String, Expected> kinds = new java.util.LinkedHashMap<>();
        kinds.put("", refusedWith(422, "student_id"));
        kinds.put("   ", refusedWith(422, "student_id"));
        kinds.put("RA-\u00001", refusedWith(422, "student_id"));
        kinds.put("RA-1\r\nX-Injected: yes", refusedWith(422, "student_id"));
        kinds.put("RA-\u001b[31m1", refusedWith(422, "student_id"));
        kinds.put("RA-\u202e1", refusedWith(422, "student_id"));
        kinds.put("RA-\u200b1", refusedWith(422, "student_id"));
        kinds.put("R".repeat(129), refusedWith(422, "student_id"));
        kinds.put("R".repeat(128), accepted());
        kinds.put("RA-çãé-\ud83d\ude00", accepted());
        kinds.put("../../etc/passwd", accepted());
        List<String> names = List.of("an empty student id", "a blank student id", "a NUL byte in a student id",
                "a CR LF in a student id", "a terminal escape sequence in a student id",
                "a right-to-left override in a student id", "a zero-width space in a student id",
                "a student id one character too long", "a student id of the longest length allowed",
                "accents and an emoji in a student id", "path traversal in a student id (an id, never a path)");
        Iterator<String> name = names.iterator();
        kinds.forEach((value, expected) -> add(name.next(), op, w,
                jsonRequest(op, set(validBody(op), path, NODES.textNode(value))), expected));
    }

    private void usernameKinds(Operation op, List<Object> path) {
        String w = where(path);
        Map<String, String> kinds = new java.util.LinkedHashMap<>();
        kinds.put("a NUL byte in a username", "ana\u0000admin");
        kinds.put("a CR LF in a username", "ana\r\nadmin");
        kinds.put("a username with spaces", "ana souza");
        kinds.put("a username in full-width letters", "\uff41\uff4e\uff41");
        kinds.put("a username in look-alike Cyrillic letters", "\u0430dmin");
        kinds.put("a right-to-left override in a username", "ana\u202eadmin");
        kinds.put("an emoji in a username", "ana\ud83d\ude00");
        kinds.put("a username too short", "ab");
        kinds.put("a username too long", "a".repeat(65));
        kinds.put("path traversal in a username", "../../etc/passwd");
        kinds.put("SQL in a username", "ana' OR '1'='1");
        kinds.forEach((kind, value) -> add(kind, op, w,
                jsonRequest(op, set(validBody(op), path, NODES.textNode(value))), refusedWith(422, "username")));
    }

    private void passwordKinds(Operation op, List<Object> path) {
        String w = where(path);
        add("a password too short", op, w, jsonRequest(op, set(validBody(op), path, NODES.textNode("1234567"))),
                refusedWith(422, "password"));
        add("a password too long", op, w, jsonRequest(op, set(validBody(op), path, NODES.textNode("p".repeat(129)))),
                refusedWith(422, "password"));
    }

    // ---- forms and uploads ------------------------------------------------------------------------

    private void formKinds(Operation op) {
        String method = op.method().toUpperCase(Locale.ROOT);
        String target = target(op, Map.of());
        Function<String, BadRequest> form = text -> BadRequest.of(method, target)
                .body("application/x-www-form-urlencoded", text.getBytes(StandardCharsets.ISO_8859_1));
        List<String> fields = new ArrayList<>();
        op.spec().at("/requestBody/content/application~1x-www-form-urlencoded/schema/properties").fieldNames()
                .forEachRemaining(fields::add);
        for (String field : fields) {
            if (field.equals("grant_type")) {
                add("an unsupported OAuth2 grant type", op, field, form.apply(
                        "username=ana&password=senha-forte-1&grant_type=client_credentials"), refusedWith(422, field));
                continue;
            }
            String others = String.join("&", fields.stream().filter(f -> !f.equals(field) && !f.equals("grant_type"))
                    .map(f -> f + "=value-123").toList());
            add("a form field left out", op, field, form.apply(others), refusedWith(422, field));
            add("a form field left empty", op, field, form.apply(others + "&" + field + "="), refusedWith(422, field));
        }
        add("an empty form", op, "", form.apply(""), refusedWith(422, fields.get(0)));
        add("a form sent as JSON", op, "", BadRequest.of(method, target).json("{\"username\":\"ana\",\"password\":\"x\"}"),
                refused(fields.get(0)));
        add("a NUL byte in a form username", op, "username", form.apply("username=ana%00&password=senha-forte-1"),
                refusedWith(401, "incorrect"));
        add("a CR LF in a form username", op, "username", form.apply("username=ana%0d%0aadmin&password=senha-forte-1"),
                refusedWith(401, "incorrect"));
        add("bytes that are not UTF-8 in a form value", op, "username", form.apply("username=%ff%fe&password=x"),
                refused());
        add("a broken percent-escape in a form value", op, "username", form.apply("username=%zz&password=x"),
                refused());
        add("a form username of 100,000 characters", op, "username", form.apply("username=" + "u".repeat(100_000)
                + "&password=x"), refused());
        add("a form cut short of its Content-Length", op, "", form.apply("username=ana&password=x")
                .header("Content-Length", "400"), refusedWith(400, "ended"));
        add("a form past the limit, chunked", op, "", form.apply("username=x&password=" + "y".repeat(
                (int) maxBodyBytes * 2)).chunked(), refusedWith(413, "too large"));
    }

    private void uploadKinds(Operation op) {
        String method = op.method().toUpperCase(Locale.ROOT);
        String target = target(op, Map.of());
        String part = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../../etc/passwd\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nnot a sheet\r\n--b--\r\n";
        add("an upload whose file name climbs out of its directory", op, "file", BadRequest.of(method, target)
                .bearer(token).body("multipart/form-data; boundary=b", part.getBytes(StandardCharsets.UTF_8)), refused());
        add("an upload without its closing boundary", op, "file", BadRequest.of(method, target)
                .bearer(token).body("multipart/form-data; boundary=b", part.substring(0, part.length() - 8)
                        .getBytes(StandardCharsets.UTF_8)), refused());
        add("an upload sent as JSON", op, "", BadRequest.of(method, target).bearer(token).json("{\"file\":\"x\"}"),
                refused());
    }

    // ---- building requests ------------------------------------------------------------------

    private void add(String kind, Operation op, String where, BadRequest request, Expected expected) {
        cases.add(new BadInputCase(kind, op.route(), where, request, expected));
    }

    private BadRequest jsonRequest(Operation op, JsonNode body) {
        return BadRequest.of(op.method().toUpperCase(Locale.ROOT), target(op, Map.of())).bearer(token).json(write(body));
    }

    /** The valid body with raw JSON text at {@code path}. */
    private BadRequest raw(Operation op, List<Object> path, String rawJson) {
        String text = write(set(validBody(op), path, NODES.textNode(RAW)));
        return BadRequest.of(op.method().toUpperCase(Locale.ROOT), target(op, Map.of())).bearer(token)
                .json(text.replace("\"" + RAW + "\"", rawJson));
    }

    /** The valid body with the field at {@code path} written twice. */
    private BadRequest duplicated(Operation op, List<Object> path) {
        JsonNode body = validBody(op);
        String value = write(at(body, path));
        String key = (String) path.get(path.size() - 1);
        String text = write(set(body, path, NODES.textNode(RAW)));
        return BadRequest.of(op.method().toUpperCase(Locale.ROOT), target(op, Map.of())).bearer(token)
                .json(text.replace("\"" + RAW + "\"", value + ",\"" + key + "\":" + value));
    }

    /** The route's path with its parameters filled as a valid request fills them. */
    String target(Operation op) {
        return target(op, Map.of());
    }

    /** The route's path with its parameters filled: from {@code values}, else their examples. */
    private String target(Operation op, Map<String, String> values) {
        String target = op.path();
        for (JsonNode p : op.spec().path("parameters")) {
            if (!p.path("in").asText().equals("path")) {
                continue;
            }
            String name = p.path("name").asText();
            String example = p.path("example").asText(p.path("schema").path("example").asText(name));
            String value = values.containsKey(name) ? values.get(name)
                    : URLEncoder.encode(pathValues.getOrDefault(name, example), StandardCharsets.UTF_8);
            target = target.replace("{" + name + "}", value);
        }
        return target;
    }

    /**
     * A body the route accepts: the request schema's example when the document gives one, else
     * one built from the schema; a fresh username each time, so that registrations do not collide.
     */
    JsonNode validBody(Operation op) {
        JsonNode schema = op.spec().at("/requestBody/content/application~1json/schema");
        JsonNode body = example(schema);
        if (body.isObject() && body.has("username")) {
            ((ObjectNode) body).put("username", "bad-input-" + names.incrementAndGet());
        }
        return body;
    }

    private JsonNode example(JsonNode schemaOrRef) {
        JsonNode schema = resolve(schemaOrRef);
        if (schema.has("example") && !schema.get("example").isTextual()) {
            return schema.get("example").deepCopy();
        }
        if (isFeatureSchema(schema)) {
            return validStudent();
        }
        return switch (type(schema)) {
            case "object" -> {
                ObjectNode node = NODES.objectNode();
                schema.path("properties").fields().forEachRemaining(p -> node.set(p.getKey(), example(p.getValue())));
                yield node;
            }
            case "array" -> NODES.arrayNode().add(example(schema.path("items")));
            case "number" -> NODES.numberNode(schema.has("example") ? schema.get("example").asDouble() : 0.5);
            case "integer" -> NODES.numberNode(schema.has("example") ? schema.get("example").asLong() : 1);
            case "boolean" -> NODES.booleanNode(true);
            default -> NODES.textNode(schema.has("example") ? schema.get("example").asText() : "senha-forte-123");
        };
    }

    private ObjectNode validStudent() {
        ObjectNode student = NODES.objectNode();
        for (JsonNode feature : features) {
            String name = feature.path("name").asText();
            if (feature.path("categories").isArray()) {
                student.put(name, feature.path("categories").get(0).asText());
            } else if (feature.path("type").asText().equals("int")) {
                student.put(name, (long) midpoint(feature));
            } else {
                student.put(name, midpoint(feature));
            }
        }
        return student;
    }

    private boolean isFeatureSchema(JsonNode schema) {
        JsonNode properties = schema.path("properties");
        if (!properties.isObject() || features.isEmpty()) {
            return false;
        }
        for (JsonNode feature : features) {
            if (!properties.has(feature.path("name").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Whether the route's 200 answer has a {@code warnings} field, at any depth of its schema. */
    private boolean answersWithWarnings(Operation op) {
        JsonNode content = op.spec().path("responses").path("200").path("content");
        return content.isObject() && content.elements().hasNext()
                && hasField(resolve(content.elements().next().path("schema")), "warnings", 0);
    }

    private boolean hasField(JsonNode schema, String field, int depth) {
        if (depth > 6) {
            return false;
        }
        if (schema.path("properties").has(field)) {
            return true;
        }
        for (JsonNode property : schema.path("properties")) {
            if (hasField(resolve(property), field, depth + 1)) {
                return true;
            }
        }
        return schema.has("items") && hasField(resolve(schema.path("items")), field, depth + 1);
    }

    /** The category feature that gets every kind: the first that refuses unknown words, else the first. */
    private String richCategory() {
        String first = null;
        for (JsonNode feature : features) {
            if (feature.path("categories").isArray()) {
                if (!feature.path("range").asText().contains("others accepted")) {
                    return feature.path("name").asText();
                }
                first = first == null ? feature.path("name").asText() : first;
            }
        }
        return first;
    }

    /** A student of a batch: an object with the features schema among its fields. */
    private boolean holdsFeatures(JsonNode schema) {
        Iterator<JsonNode> properties = schema.path("properties").elements();
        while (properties.hasNext()) {
            if (isFeatureSchema(resolve(properties.next()))) {
                return true;
            }
        }
        return false;
    }

    private String firstRequiredFeature() {
        for (JsonNode feature : features) {
            if (feature.path("required").asBoolean(true)) {
                return feature.path("name").asText();
            }
        }
        return features.get(0).path("name").asText();
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            current = document.at(ref.substring(1));
        }
        if (current.has("allOf") && current.get("allOf").size() == 1) {
            return resolve(current.get("allOf").get(0));
        }
        return current;
    }

    private static String type(JsonNode schema) {
        if (schema.has("type")) {
            return schema.get("type").asText();
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "";
    }

    private String requestContentType(Operation op) {
        JsonNode content = op.spec().path("requestBody").path("content");
        Iterator<String> types = content.fieldNames();
        return types.hasNext() ? types.next() : null;
    }

    /** Whether the route asks for a signed-in user's token (OAuth2), not another scheme such as METRICS_TOKEN. */
    private boolean isSignedIn(Operation op) {
        for (JsonNode requirement : op.spec().path("security")) {
            for (Iterator<String> names = requirement.fieldNames(); names.hasNext();) {
                if (document.path("components").path("securitySchemes").path(names.next()).path("type").asText()
                        .equals("oauth2")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a valid request changes something (creates a user, moves a setting), so cannot be repeated blindly. */
    private static boolean isMutating(Operation op) {
        return !op.method().equals("get");
    }

    private static double midpoint(JsonNode feature) {
        double min = feature.path("minimum").asDouble(0);
        double max = feature.path("maximum").asDouble(min + 10);
        double mid = (min + max) / 2;
        return feature.path("type").asText().equals("int") ? Math.floor(mid) : mid;
    }

    private static String number(double value, boolean whole) {
        return whole ? Long.toString((long) value) : Double.toString(value);
    }

    private static String padded(String valid, long size) {
        int pad = (int) Math.max(0, size - valid.length());
        return withField(valid, "\"padding\":\"" + "x".repeat(pad) + "\"");
    }

    /** The JSON object {@code valid} with one more field (given as {@code "name":value}) first. */
    private static String withField(String valid, String field) {
        String rest = valid.substring(1).strip();
        return "{" + field + (rest.equals("}") ? "" : ",") + rest;
    }

    private static ArrayNode repeated(JsonNode item, int count) {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            array.add(item.deepCopy());
        }
        return array;
    }

    private static String where(List<Object> path) {
        StringBuilder text = new StringBuilder();
        for (Object step : path) {
            text.append(step instanceof Integer i ? "[" + i + "]" : (text.length() == 0 ? "" : ".") + step);
        }
        return text.toString();
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(step);
        return List.copyOf(longer);
    }

    private static JsonNode at(JsonNode node, List<Object> path) {
        JsonNode current = node;
        for (Object step : path) {
            current = step instanceof Integer i ? current.path(i) : current.path((String) step);
        }
        return current;
    }

    private static JsonNode set(JsonNode body, List<Object> path, JsonNode value) {
        JsonNode parent = at(body, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return body;
    }

    private static JsonNode remove(JsonNode body, List<Object> path) {
        JsonNode parent = at(body, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).remove(i);
        } else {
            ((ObjectNode) parent).remove((String) last);
        }
        return body;
    }

    private static JsonNode rename(JsonNode body, List<Object> at, String from, String to) {
        ObjectNode object = (ObjectNode) at(body, at);
        JsonNode value = object.remove(from);
        object.set(to, value);
        return body;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }

    private static byte[] bytes(String before, byte[] after) {
        return bytes(before, after, "");
    }
}
