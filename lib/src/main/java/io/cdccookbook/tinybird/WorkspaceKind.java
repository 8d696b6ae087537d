package io.cdccookbook.tinybird;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;

import java.util.Locale;

/**
 * The two generations of Tinybird workspace, which take datafiles differently: Forward as one
 * deployment of the whole project (POST /v1/deploy), Classic resource by resource (/v0/connectors,
 * /v0/datafiles).
 */
public enum WorkspaceKind {

    FORWARD, CLASSIC;

    /** The kind and why it was chosen, for the progress report. */
    public record Choice(WorkspaceKind kind, String reason) {
        @Override
        public String toString() {
            return "Tinybird workspace: " + kind.name().toLowerCase(Locale.ROOT) + " (" + reason + ")";
        }
    }

    /**
     * TINYBIRD_DEPLOY when it says forward or classic; for auto, asks the workspace. The probe is
     * {@code GET /v1/deployments}: it only reads, needs nothing but the admin token, is the first call a
     * Forward deploy makes anyway, and only Forward workspaces have deployments (Classic ones have
     * releases), so a list answer means Forward and a 404 or 400 means Classic. How a Classic workspace
     * answers is not documented: an unexpected answer is reported with the advice to set TINYBIRD_DEPLOY.
     * A dry run sends nothing, so it plans for Forward, Tinybird's default for new workspaces.
     */
    public static Choice choose(Settings settings, TinybirdApi api) {
        String configured = settings.get(Setting.TINYBIRD_DEPLOY).strip().toLowerCase(Locale.ROOT);
        switch (configured) {
            case "forward":
                return new Choice(FORWARD, "TINYBIRD_DEPLOY=forward");
            case "classic":
                return new Choice(CLASSIC, "TINYBIRD_DEPLOY=classic");
            case "auto":
            case "":
                break;
            default:
                throw new CookbookException("TINYBIRD_DEPLOY '" + settings.get(Setting.TINYBIRD_DEPLOY)
                        + "' is not forward, classic or auto.", "Set TINYBIRD_DEPLOY=auto unless you know the workspace's kind.");
        }
        TinybirdApi.Answer answer = api.get("/v1/deployments", "is the workspace Forward (it has deployments) or Classic?");
        if (answer.planned()) {
            return new Choice(FORWARD, "dry run: not asked, planned for Forward; set TINYBIRD_DEPLOY=classic to plan for Classic");
        }
        if (answer.ok() && answer.json().has("deployments")) {
            return new Choice(FORWARD, "it lists deployments");
        }
        if (answer.status() == 404 || answer.status() == 400) {
            return new Choice(CLASSIC, "it has no deployments API: GET /v1/deployments answered " + answer.status());
        }
        CookbookException e = TinybirdErrors.of("GET", "/v1/deployments", answer.status(), answer.body());
        throw new CookbookException(e.getMessage() + " (asking whether the workspace is Forward or Classic)",
                e.hint() == null ? "Set TINYBIRD_DEPLOY=forward or classic to skip the question."
                        : e.hint() + " Or set TINYBIRD_DEPLOY=forward or classic to skip the question.");
    }
}
