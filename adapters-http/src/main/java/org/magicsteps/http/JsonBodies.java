package org.magicsteps.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.javalin.http.Context;

import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;

/**
 * Reads request bodies into the wire records. A body sent as anything but JSON is a 415 (none at
 * all is read as JSON, as FastAPI does); a body that is not JSON is a 400 that says why (Jackson's
 * own words: a duplicate field, bytes that are not UTF-8, nesting or a number too long); JSON of the
 * wrong shape (a string where a number belongs, a missing body) is a 422 located at the offending
 * field, as FastAPI answers. Scalars are not coerced (a quoted number is not a number), except
 * that a whole number is accepted where text is expected (student ids are often numbers).
 */
final class JsonBodies {

    private final ObjectMapper mapper;

    JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The mapper for requests and responses. */
    static ObjectMapper newMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        // Text takes a whole number (student ids are often numbers), never a fraction or a boolean,
        // which pydantic refuses too (Jackson would write them out as "1.5" and "true").
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    <T> T read(Context ctx, Class<T> type) {
        requireJson(ctx.contentType());
        return parse(bytes(ctx), type);
    }

    /**
     * Reads {@code body}, sent with {@code contentType}, into {@code type}: what {@link #read(Context, Class)}
     * does once the body is in hand.
     *
     * @throws HttpProblem for every body it refuses (415, 400 or 422), and nothing else
     */
    <T> T read(String contentType, byte[] body, Class<T> type) {
        requireJson(contentType);
        return parse(body, type);
    }

    private <T> T parse(byte[] body, Class<T> type) {
        if (isBlank(body)) {
            throw missingBody();
        }
        UnpairedSurrogates.find(body).ifPresent(at -> {
            throw new HttpProblem.MalformedBody("Malformed JSON: the escape at byte " + (at + 1)
                    + " is half of a UTF-16 surrogate pair, which is no character");
        });
        // One pass straight into the record (a batch of 500 students is 10,000 values: building a
        // tree first and then binding it doubled the cost). Syntax still comes first: a body that
        // is not JSON at all is a 400, JSON of the wrong shape a 422; so when binding fails, the
        // body is checked for well-formed JSON before the failure is read as a shape problem.
        T value;
        try {
            value = mapper.readValue(body, type);
        } catch (JacksonException e) {
            String syntaxError = syntaxError(body);
            if (syntaxError != null) {
                throw new HttpProblem.MalformedBody(syntaxError);
            }
            throw shapeProblem(e);
        } catch (IOException e) {
            throw new HttpProblem.MalformedBody("The request body could not be read");
        }
        if (value == null) {
            throw missingBody();
        }
        return value;
    }

    /**
     * The whole body. A body that ends before its declared length (the client stopped sending) is
     * a 400: Javalin would take Jetty's end-of-stream for a client gone and answer 500.
     */
    static byte[] bytes(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Javalin's Kotlin lets the servlet stream's IOException through undeclared.
            throw new HttpProblem.MalformedBody("The request body ended before the " + ctx.contentLength()
                    + " bytes its Content-Length announced");
        }
    }

    /** FastAPI's rule: no Content-Type, application/json or application/*+json; anything else is refused. */
    private static void requireJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String media = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (media.equals("application/json") || media.startsWith("application/") && media.endsWith("+json")) {
            return;
        }
        throw new HttpProblem.UnsupportedMediaType("Content-Type '" + printable(contentType)
                + "' is not accepted here: send the body as application/json");
    }

    /** Jackson's reason, without the source excerpt it may add, short and on one line. */
    private static String reason(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            return "";
        }
        return ": " + printable(message.lines().findFirst().orElse(""));
    }

    private static String printable(String text) {
        String clean = text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 160 ? clean.substring(0, 160) + "…" : clean;
    }

    /**
     * Why {@code body} is not one well-formed JSON value, as the 400's detail says it (where, and
     * Jackson's reason: a duplicate field, bytes that are not UTF-8, nesting or a number too long),
     * or {@code null} when it is one.
     */
    private String syntaxError(byte[] body) {
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() == null) {
                return "Malformed JSON" + at(parser.currentLocation());
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return "Malformed JSON" + at(parser.currentTokenLocation()) + ": more than one JSON value";
            }
            return null;
        } catch (JacksonException e) {
            return "Malformed JSON" + at(e.getLocation() == null ? JsonLocation.NA : e.getLocation()) + reason(e);
        } catch (IOException e) {
            return "Malformed JSON";
        }
    }

    private static HttpProblem.Rejected shapeProblem(JacksonException e) {
        if (e instanceof MismatchedInputException mismatch) {
            return new HttpProblem.Rejected("body", List.of(mismatch(mismatch)));
        }
        String field = e instanceof JsonMappingException m ? field(m) : "body";
        List<Object> path = e instanceof JsonMappingException m ? path(m) : List.of();
        return new HttpProblem.Rejected("body", List.of(new Violation(path, field, null, Kind.INVALID,
                field + ": cannot be read")));
    }

    private static HttpProblem.Rejected missingBody() {
        return new HttpProblem.Rejected("body", List.of(new Violation(List.of(), "body", null, Kind.MISSING,
                "body: a JSON body is required")));
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static Violation mismatch(MismatchedInputException e) {
        List<Object> path = path(e);
        String field = field(e);
        Class<?> target = e.getTargetType();
        String expected;
        Kind kind;
        if (target == null) {
            expected = "a different value";
            kind = Kind.INVALID;
        } else if (Number.class.isAssignableFrom(target) || target.isPrimitive() && target != boolean.class) {
            expected = "a number";
            kind = Kind.NOT_A_NUMBER;
        } else if (CharSequence.class.isAssignableFrom(target)) {
            expected = "a string";
            kind = Kind.NOT_TEXT;
        } else if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            expected = "an array";
            kind = Kind.INVALID;
        } else if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            expected = "an object";
            kind = Kind.INVALID;
        } else {
            expected = "a " + target.getSimpleName();
            kind = Kind.INVALID;
        }
        return new Violation(path, field, null, kind, field + ": expected " + expected);
    }

    private static List<Object> path(JsonMappingException e) {
        List<Object> path = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            path.add(ref.getFieldName() != null ? ref.getFieldName() : (Object) ref.getIndex());
        }
        return path;
    }

    private static String field(JsonMappingException e) {
        for (int i = e.getPath().size() - 1; i >= 0; i--) {
            String name = e.getPath().get(i).getFieldName();
            if (name != null) {
                return name;
            }
        }
        return "body";
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
