package io.cdccookbook.tinybird;

import io.cdccookbook.CookbookException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WorkspaceKindTest {

    Testbed bed = new Testbed();

    @AfterEach
    void stop() {
        bed.close();
    }

    WorkspaceKind.Choice choose(String deploy) {
        return WorkspaceKind.choose(bed.settings(deploy, Map.of()), bed.api());
    }

    @Test
    void tinybirdDeployDecidesWithoutAsking() {
        assertThat(choose("forward").kind()).isEqualTo(WorkspaceKind.FORWARD);
        assertThat(choose("CLASSIC").kind()).isEqualTo(WorkspaceKind.CLASSIC);
        assertThat(bed.tinybird.requests).isEmpty();
        assertThatThrownBy(() -> choose("v2")).hasMessageContaining("TINYBIRD_DEPLOY 'v2' (from --set) is not one of auto, forward, classic");
    }

    @Test
    void aWorkspaceThatListsDeploymentsIsForward() {
        bed.tinybird.answerFile("GET /v1/deployments", 200, "deployments_live_4.json");

        assertThat(choose("auto")).hasToString("Tinybird workspace: forward (it lists deployments)");
    }

    @Test
    void aWorkspaceWithoutTheDeploymentsApiIsClassic() {
        bed.tinybird.answer("GET /v1/deployments", 404, "{\"error\": \"Not found\"}");

        assertThat(choose("auto").kind()).isEqualTo(WorkspaceKind.CLASSIC);
    }

    @Test
    void aRefusedTokenIsReportedWithTheWayAround() {
        bed.tinybird.answer("GET /v1/deployments", 401, "{\"error\": \"Invalid token\"}");

        CookbookException e = catchThrowableOfType(CookbookException.class, () -> choose("auto"));
        assertThat(e.getMessage()).contains("401", "asking whether the workspace is Forward or Classic");
        assertThat(e.hint()).contains("TINYBIRD_API_KEY", "TINYBIRD_DEPLOY=forward or classic");
    }

    @Test
    void theTargetAsksOnceAndUsesTheAnswer() {
        bed.tinybird.answer("GET /v1/deployments", 404, "{\"error\": \"Not found\"}")
                .answer("DELETE /v0/pipes/pg_users_api", 404, "{}").answer("DELETE /v0/pipes/pg_users_mv", 404, "{}")
                .answer("DELETE /v0/datasources/pg_users_latest", 404, "{}").answer("DELETE /v0/datasources/pg_users_raw", 404, "{}")
                .answer("GET /v0/tokens", 200, "{\"tokens\": []}").answer("DELETE /v0/tokens/pg_users_api_read", 404, "{}");
        TinybirdTarget target = bed.target("auto");

        target.remove(false);
        target.remove(false);

        assertThat(bed.tinybird.calls()).filteredOn(c -> c.equals("GET /v1/deployments")).hasSize(1);
        assertThat(bed.reports).contains("Tinybird workspace: classic (it has no deployments API: GET /v1/deployments answered 404).");
    }
}
