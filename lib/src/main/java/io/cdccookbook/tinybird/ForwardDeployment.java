package io.cdccookbook.tinybird;

import com.google.gson.JsonObject;
import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Json;
import io.cdccookbook.cloud.Plan;
import io.cdccookbook.config.Redactor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One Forward deployment, start to live: {@code POST /v1/deploy} (one multipart part per file, field
 * {@code data_project://}, file name = relative path), poll {@code GET /v1/deployments/{id}} until
 * data_ready, check it against a {@link DeploymentGuard}, {@code POST .../set-live}, then delete the
 * deployment it replaced, as {@code tb deploy} does. Before it, stale deployments that are not live are
 * discarded, as Tinybird's SDK does. A staged deployment the guard rejects is discarded
 * before it is live, so the workspace is left as it was.
 */
final class ForwardDeployment {

    static final String FIELD = "data_project://";
    private static final Set<String> FAILED = Set.of("failed", "error", "deleting", "deleted");
    private static final Set<String> GONE = Set.of("deleting", "deleted");

    private final TinybirdApi api;
    private final Timing timing;
    private final Consumer<String> report;

    ForwardDeployment(TinybirdApi api, Timing timing, Consumer<String> report) {
        this.api = api;
        this.timing = timing;
        this.report = report;
    }

    /**
     * @param files            the whole project: the cookbook's files and every other resource, carried over
     * @param allowDestructive lets Tinybird remove data sources (removal); without it Tinybird refuses to
     * @return false when Tinybird found nothing to change
     */
    boolean deploy(List<TinybirdApi.FilePart> files, boolean allowDestructive, DeploymentGuard guard) {
        String previous = clearTheWay();
        String path = "/v1/deploy" + (allowDestructive ? "?allow_destructive_operations=true" : "");
        TinybirdApi.Answer answer = api.sendFiles(path, files,
                "deploy the project: the cookbook's files plus every other resource of the workspace, unchanged");
        if (answer.planned()) {
            String id = Plan.placeholder("id of the new deployment");
            api.get("/v1/deployments/" + id, "wait until its status is data_ready (checking it touches only the cookbook's resources)");
            api.post("/v1/deployments/" + id + "/set-live", "make it live");
            api.delete("/v1/deployments/" + Plan.placeholder("id of the deployment that was live"), "remove the deployment it replaced");
            return true;
        }
        JsonObject body = answer.json();
        if (answer.status() == 401 || answer.status() == 403 || answer.status() == 429 || answer.status() >= 500) {
            throw TinybirdErrors.of("POST", path, answer.status(), answer.body());
        }
        if (!answer.ok() || "failed".equals(Json.string(body, "result"))) {
            throw failed(Json.string(Json.object(body, "deployment"), "id"), body);
        }
        if ("no_changes".equals(Json.string(body, "result"))) {
            report.accept("Tinybird: nothing to change, the workspace already matches.");
            return false;
        }
        JsonObject deployment = Json.object(body, "deployment");
        String id = Json.string(deployment, "id");
        report.accept("Tinybird deployment " + id + ": created, waiting for it to be ready...");
        guard(id, deployment, guard);
        deployment = waitUntilReady(id, deployment, guard);
        api.post("/v1/deployments/" + id + "/set-live", "make deployment " + id + " live");
        report.accept("Tinybird deployment " + id + ": live.");
        if (previous != null && !previous.equals(id)) {
            // Tinybird may already have removed it when ours went live: a 404 is fine
            api.delete("/v1/deployments/" + previous, "remove deployment " + previous + ", which ours replaced");
        }
        return true;
    }

    /**
     * Discards every deployment that is not live (a failed or pending one left by an interrupted run can
     * block a new one) and returns the id of the live one, or null (a new workspace, or a dry run). This is
     * step 0 of Tinybird's own SDK (tinybirdco/tinybird-sdk-typescript, src/api/deploy.ts deployToMain);
     * like it, a discard that fails does not stop the deployment, whose own answer then says what blocks it.
     * Unlike it, deployments already deleted or being deleted are left alone: there is nothing to discard.
     */
    private String clearTheWay() {
        JsonObject list = api.getJson("/v1/deployments",
                "find the live deployment (to remove it once ours is live) and any stale one that could block ours");
        String live = null;
        for (JsonObject d : Json.objects(list, "deployments")) {
            String id = Json.string(d, "id");
            String status = Json.string(d, "status");
            if (Json.bool(d, "live") || "live".equals(status)) {
                live = live == null ? id : live;
            } else if (id != null && !GONE.contains(String.valueOf(status))) {
                discardStale(id, status);
            }
        }
        return live;
    }

    private void discardStale(String id, String status) {
        try {
            api.delete("/v1/deployments/" + id, "discard deployment " + id + " (" + status + "), which could block ours");
            report.accept("Tinybird deployment " + id + " (" + status + ", not live): discarded, so it cannot block ours.");
        } catch (CookbookException e) {
            report.accept("Tinybird deployment " + id + " (" + status + ", not live): could not be discarded ("
                    + e.getMessage() + "); deploying anyway.");
        }
    }

    private JsonObject waitUntilReady(String id, JsonObject deployment, DeploymentGuard guard) {
        for (int poll = 0; ; poll++) {
            String status = Json.string(deployment, "status");
            if ("data_ready".equals(status)) {
                return deployment;
            }
            if (FAILED.contains(status)) {
                throw failed(id, deployment);
            }
            if (poll >= timing.polls()) {
                throw new CookbookException("Tinybird deployment " + id + " is still '" + status + "' after "
                        + timing.deployTimeout().toMinutes() + " minutes.", "See it with tb --cloud deployment ls;"
                        + " promote it with tb --cloud deployment promote, or discard it with tb --cloud deployment discard.");
            }
            sleep();
            deployment = Json.object(api.getJson("/v1/deployments/" + id, "is deployment " + id + " ready?"), "deployment");
            guard(id, deployment, guard);
        }
    }

    private void guard(String id, JsonObject deployment, DeploymentGuard guard) {
        List<String> violations = guard.violations(deployment);
        if (violations.isEmpty()) {
            return;
        }
        api.delete("/v1/deployments/" + id, "discard deployment " + id + ": it would touch resources the cookbook does not own");
        throw new CookbookException("Stopped before going live: Tinybird deployment " + id + " would also "
                + String.join(", ", violations) + ", which the cookbook did not make.",
                "Nothing changed: the staged deployment was discarded. Look at those resources in the Tinybird UI;"
                        + " the cookbook only deploys when every other resource stays exactly as it is.");
    }

    private void sleep() {
        try {
            timing.sleeper().sleep(timing.pollEvery());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CookbookException("Interrupted while waiting for the Tinybird deployment.", null, e);
        }
    }

    /** The deployment's errors and ERROR feedback (all feedback when none is an ERROR) as one message. */
    static CookbookException failed(String id, JsonObject body) {
        JsonObject deployment = body.has("deployment") ? Json.object(body, "deployment") : body;
        List<String> problems = new ArrayList<>();
        String error = Json.string(body, "error");
        if (error != null) {
            problems.add(error);
        }
        for (JsonObject source : deployment == body ? List.of(body) : List.of(body, deployment)) {
            for (JsonObject e : Json.objects(source, "errors")) {
                String file = Json.string(e, "filename");
                problems.add((file == null ? "" : "[" + file + "] ") + Json.string(e, "error"));
            }
        }
        List<JsonObject> feedback = Json.objects(deployment, "feedback");
        List<JsonObject> errors = feedback.stream().filter(f -> "ERROR".equals(Json.string(f, "level"))).toList();
        for (JsonObject f : errors.isEmpty() ? feedback : errors) {
            String resource = Json.string(f, "resource");
            problems.add((resource == null ? "" : resource + ": ") + Json.string(f, "message"));
        }
        if (problems.isEmpty()) {
            problems.add("status " + Json.string(deployment, "status") + ", no reason given");
        }
        return new CookbookException(Redactor.redact("Tinybird deployment"
                + (id == null ? "" : " " + id) + " failed: " + String.join("; ", problems)),
                "Fix the datafile the message names (in tinybird/), then run the command again."
                        + " Nothing went live: the workspace is as it was.");
    }
}
