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
 * Reads request bodies into the wire records. A body that is not JSON is a 400; JSON of the wrong
 * shape (a string where a number belongs, a missing body) is a 422 located at the offending
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
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        return mapper;
    }

    <T> T read(Context ctx, Class<T> type) {
        byte[] body = ctx.bodyAsBytes();
        if (isBlank(body)) {
            throw missingBody();
        }
        // One pass straight into the record (a batch of 500 students is 10,000 values: building a
        // tree first and then binding it doubled the cost). Syntax still comes first: a body that
        // is not JSON at all is a 400, JSON of the wrong shape a 422; so when binding fails, the
        // body is checked for well-formed JSON before the failure is read as a shape problem.
        T value;
        try {
            value = mapper.readValue(body, type);
        } catch (JacksonException e) {
            JsonLocation syntaxError = syntaxError(body);
            if (syntaxError != null) {
                throw new HttpProblem.MalformedBody("Malformed JSON" + at(syntaxError));
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

    /** Where {@code body} stops being one well-formed JSON value, or {@code null} when it is one. */
    private JsonLocation syntaxError(byte[] body) {
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() == null) {
                return parser.currentLocation();
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return parser.currentTokenLocation();
            }
            return null;
        } catch (JacksonException e) {
            return e.getLocation() == null ? JsonLocation.NA : e.getLocation();
        } catch (IOException e) {
            return JsonLocation.NA;
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
