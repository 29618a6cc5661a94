package dev.lnjobs.server.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

import java.util.stream.Collectors;

/** The 400 for a body Jackson refused, naming the field (as {@code field}) when Jackson knows which one. */
final class BodyProblems {

    private static final int MAX_FIELD_CHARS = 100;

    private BodyProblems() {
    }

    static ProblemDetail unreadable(HttpMessageNotReadableException e) {
        String generic = "the request body is missing or is not JSON of the expected shape";
        if (!(e.getCause() instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return ProblemHandler.problem(HttpStatus.BAD_REQUEST, "Unreadable body", generic);
        }
        String field = mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (field.length() > MAX_FIELD_CHARS) {
            field = field.substring(0, MAX_FIELD_CHARS) + "…";
        }
        String expected = mapping instanceof MismatchedInputException mismatch ? expected(mismatch.getTargetType())
                : "of the expected type";
        ProblemDetail problem = ProblemHandler.problem(HttpStatus.BAD_REQUEST, "Unreadable body",
                "the request body is not JSON of the expected shape: field '" + field + "' must be " + expected);
        problem.setProperty("field", field);
        return problem;
    }

    /** What a client should have sent, in JSON's words; values are never converted to another type. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "of the expected type";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a whole number (no fraction, not in quotes)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "of the expected type";
    }
}
