package io.cdccookbook.pipeline;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Settings;
import io.cdccookbook.provision.DbProvider;
import io.cdccookbook.source.SourceDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What names a server, and the reason a command gives: every setting and option that can, and their origins. */
class ServerChoiceTest {

    private static ServerChoice choice(SourceDb kind, DbProvider option, String... pairs) {
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            settings.put(pairs[i], pairs[i + 1]);
        }
        return new ServerChoice(kind, option, Settings.of(settings));
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void nothingNamesAServerByDefaultOrWithEmptyValues(SourceDb kind) {
        assertThat(choice(kind, null).namedBy()).isEmpty();
        assertThat(choice(kind, DbProvider.AUTO).namedBy()).as("an explicit auto names nothing").isEmpty();
        assertThat(choice(kind, null, kind.host.name(), "").namedBy()).as("an empty host is no host").isEmpty();
        assertThat(choice(kind, null, kind.port.name(), kind.port.defaultValue()).namedBy()).isEmpty();
        assertThat(choice(kind, null, kind.user.name(), "someone", kind.password.name(), "pw-not-a-server").namedBy())
                .as("who logs in does not say where").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void eachWayOfNamingAServerIsReportedWithWhereItCameFrom(SourceDb kind) {
        assertThat(choice(kind, DbProvider.EMBEDDED).namedBy()).contains("--db-provider embedded");
        assertThat(choice(kind, DbProvider.EXTERNAL, kind.host.name(), "db.example.com").namedBy()).contains("--db-provider external");
        assertThat(choice(kind, null, "CDC_DB_PROVIDER", "embedded").namedBy()).contains("CDC_DB_PROVIDER=embedded (from --set)");
        assertThat(choice(kind, null, kind.host.name(), "db.example.com").namedBy())
                .contains(kind.host.name() + "=db.example.com (from --set)");
        assertThat(choice(kind, null, kind.database.name(), "shop").namedBy()).contains(kind.database.name() + "=shop (from --set)");
        assertThat(choice(kind, null, kind.host.name(), "h", kind.port.name(), "15432").namedBy()).get().asString()
                .contains(kind.host.name() + "=h");
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void aPortWithoutAHostIsAMistakeNotTheEmbeddedServer(SourceDb kind) {
        assertThatThrownBy(() -> choice(kind, null, kind.port.name(), "15432").namedBy())
                .isInstanceOf(CookbookException.class)
                .hasMessageContaining(kind.port.name() + "=15432 (from --set) names a port, but " + kind.host.name() + " is not set")
                .extracting(e -> ((CookbookException) e).hint()).asString().contains("Set " + kind.host.name() + " too");
    }

    @Test
    void theFolderOfAServerNamesTheServer() {
        var db = new io.cdccookbook.source.DbSettings(SourceDb.PG, "DB.Example.com", 5433, "u", "", "shop");
        assertThat(PipelineFolder.key(DbProvider.EXTERNAL, db)).isEqualTo("db.example.com_5433_shop");
        assertThat(PipelineFolder.key(DbProvider.EMBEDDED, db)).isEqualTo("embedded_shop");
        assertThat(PipelineFolder.key(DbProvider.TESTCONTAINERS, db)).isEqualTo("container_db.example.com_5433_shop");
        var v6 = new io.cdccookbook.source.DbSettings(SourceDb.PG, "::1", 5432, "u", "", "shop");
        assertThat(PipelineFolder.key(DbProvider.EXTERNAL, v6)).isEqualTo("--1_5432_shop");
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void anExplicitTableIsOnlyTheSettingNotItsDefault(SourceDb kind) {
        assertThat(choice(kind, null).explicitTables()).isEmpty();
        assertThat(choice(kind, null, "USERS_TABLE_NAME", "other_tbl").explicitTables()).contains(List.of("other_tbl"));
        assertThat(choice(kind, null, "CDC_TABLES", "a, b").explicitTables()).contains(List.of("a", "b"));
    }
}
