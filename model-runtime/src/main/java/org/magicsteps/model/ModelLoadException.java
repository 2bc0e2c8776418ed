package org.magicsteps.model;

import org.magicsteps.core.port.PortException;

/**
 * A model bundle could not be loaded. The message starts with the file (or classpath resource)
 * at fault, then says what is wrong with it, such as
 * {@code models/x/manifest.json: features[3].transform.min: is missing} or
 * {@code models/x/model.onnx: input 'input' takes 17 values per student, but the manifest's 18 features make 18}.
 */
public final class ModelLoadException extends PortException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;

    public ModelLoadException(String source, String problem) {
        this(source, problem, null);
    }

    public ModelLoadException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
    }

    /** The file or classpath resource at fault. */
    public String source() {
        return source;
    }

    /** What is wrong with it. */
    public String problem() {
        return problem;
    }
}
