package io.cdccookbook.source;

/**
 * One row of a readiness report: what was checked, what it found and, unless it passed, exactly what to
 * change. A warning does not stop anything; a failure does.
 */
public record ReadinessCheck(String name, Result result, String detail, String hint) {

    public enum Result { PASS, WARN, FAIL }

    public static ReadinessCheck pass(String name, String detail) {
        return new ReadinessCheck(name, Result.PASS, detail, "");
    }

    public static ReadinessCheck warn(String name, String detail, String hint) {
        return new ReadinessCheck(name, Result.WARN, detail, hint);
    }

    public static ReadinessCheck fail(String name, String detail, String hint) {
        return new ReadinessCheck(name, Result.FAIL, detail, hint);
    }

    /** Passed or only warned: nothing stops the pipeline. */
    public boolean passed() {
        return result != Result.FAIL;
    }

    /** "name: detail. hint", as a failed check reads in one line. */
    public String oneLine() {
        return name + ": " + detail + "." + (hint == null || hint.isBlank() ? "" : " " + hint);
    }
}
