package org.magicsteps.model.data;

/**
 * What a reader library says is wrong with a file, for a person: the innermost cause's words,
 * without the exception class names that wrapping puts in front ({@code UncheckedIOException:
 * org.apache.commons.csv.CSVException: ...}), on one line.
 */
final class BrokenFiles {

    private BrokenFiles() {
    }

    static String reason(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage();
        if (message == null || message.isBlank()) {
            message = failure.getMessage();
        }
        if (message == null || message.isBlank()) {
            return "unreadable";
        }
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
