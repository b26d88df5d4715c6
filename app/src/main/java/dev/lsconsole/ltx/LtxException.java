package dev.lsconsole.ltx;

/**
 * Why: every problem found in an LTX file (litestream v0.5) must reach the user as one line that
 * names the object and the problem, so the reader throws only this, never a parsing exception.
 */
public final class LtxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String object;
    private final String problem;

    public LtxException(String object, String problem) {
        this(object, problem, null);
    }

    public LtxException(String object, String problem, Throwable cause) {
        super(object + ": " + problem, cause);
        this.object = object;
        this.problem = problem;
    }

    /** The location of the LTX object (path or URL) the problem was found in. */
    public String object() {
        return object;
    }

    /** The problem alone, without the object. */
    public String problem() {
        return problem;
    }
}
