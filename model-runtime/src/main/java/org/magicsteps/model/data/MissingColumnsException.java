package org.magicsteps.model.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Required columns are missing from a sheet. It names every missing column at once, each with
 * the headers that would have been accepted for it, so that one fix suffices.
 */
public final class MissingColumnsException extends SheetException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, List<String>> missing;

    /**
     * @param file the sheet, for the message
     * @param missing each missing canonical name, with the headers accepted for it
     */
    public MissingColumnsException(String file, Map<String, List<String>> missing) {
        this(file, missing, null, null);
    }

    /**
     * @param file the sheet, for the message
     * @param missing each missing canonical name, with the headers accepted for it
     * @param layout the layout the headers were read as, or {@code null}
     * @param headers the headers the sheet has, or {@code null}
     */
    public MissingColumnsException(String file, Map<String, List<String>> missing, String layout,
            List<String> headers) {
        super(file + ": missing " + (missing.size() == 1 ? "column " : missing.size() + " columns: ")
                + missing.entrySet().stream()
                        .map(e -> e.getKey() + " (accepted headers: " + String.join(", ", e.getValue()) + ")")
                        .collect(Collectors.joining("; "))
                + (headers == null ? "" : "; read as " + layout + ", its headers are: " + String.join(", ",
                        headers.stream().filter(h -> h != null && !h.isBlank()).toList())));
        this.missing = Collections.unmodifiableMap(new LinkedHashMap<>(missing));
    }

    /** Each missing canonical name, with the headers accepted for it, in the model's order. */
    public Map<String, List<String>> missing() {
        return missing;
    }
}
