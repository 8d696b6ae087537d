package io.cdccookbook.source;

/**
 * One row of a readiness report: what was checked, whether it passed, what was found and, when it failed,
 * exactly what to change.
 */
public record ReadinessCheck(String name, boolean passed, String detail, String hint) {

    public static ReadinessCheck pass(String name, String detail) {
        return new ReadinessCheck(name, true, detail, "");
    }

    public static ReadinessCheck fail(String name, String detail, String hint) {
        return new ReadinessCheck(name, false, detail, hint);
    }
}
