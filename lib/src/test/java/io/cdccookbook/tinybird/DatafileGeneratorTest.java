package io.cdccookbook.tinybird;

import io.cdccookbook.capture.ConnectorDefinition;
import io.cdccookbook.config.Setting;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.table.ReplicaNames;
import io.cdccookbook.table.SchemaReader;
import io.cdccookbook.table.TableSchema;
import io.cdccookbook.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users demo's datafiles in tinybird/ are what the generator writes for the users table read from a real
 * server: regenerating them changes no byte. And another table, with a composite key, gets files of the same
 * shape that the model reads back.
 */
class DatafileGeneratorTest {

    static final Path TINYBIRD = Path.of("..", "tinybird");

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void theCommittedUsersFilesAreTheGeneratorsOutput(TestDatabases.Target target) throws Exception {
        RunningDatabase server = target.get();
        SourceDb kind = server.settings().kind();
        String database = "cdc_gen_" + Long.toString(System.nanoTime(), 36);
        SourceDatabase db = SourceDatabase.of(TestDatabases.withDatabase(server.settings(), database), "users");
        try {
            db.createUsersTable();
            TableSchema users = SchemaReader.read(db);
            // the files are written for the default database names, as a first create-pipeline would find them
            DbSettings defaults = TestDatabases.withDatabase(server.settings(), kind.database.defaultValue());
            String topic = new ConnectorDefinition(defaults, "users", "n", null).topic();

            ReplicaNames names = ReplicaNames.of(kind, "users");
            List<Datafile> files = DatafileGenerator.generate(users, names, topic, "confluent");

            List<String> paths = TinybirdProject.paths(kind, names);
            for (int i = 0; i < files.size(); i++) {
                Path committed = TINYBIRD.resolve(paths.get(i));
                assertThat(DatafileRenderer.render(files.get(i))).as(committed + " (regenerate it from the users table)")
                        .isEqualTo(Files.readString(committed));
            }
        } finally {
            TestDatabases.dropDatabase(server, database);
        }
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void aCompositeKeyOrdersSortsAndGuardsByEveryKeyColumn(TestDatabases.Target target) throws Exception {
        SourceDatabase db = target.get().database("gen_orders");
        TestDatabases.execute(db, "DROP TABLE IF EXISTS gen_orders", "CREATE TABLE gen_orders (line INT NOT NULL, order_code VARCHAR(12)"
                + " NOT NULL, amount NUMERIC(10,2), shipped DATE, PRIMARY KEY (order_code, line))",
                "DROP TABLE IF EXISTS gen_prices", "CREATE TABLE gen_prices (price NUMERIC(8,2) PRIMARY KEY, label TEXT)");
        SourceDb kind = db.settings().kind();
        ReplicaNames names = ReplicaNames.of(kind, "gen_orders");

        List<Datafile> files = DatafileGenerator.generate(SchemaReader.read(db), names, "t", "confluent");

        Datafile latest = files.get(1);
        assertThat(latest.setting("ENGINE_SORTING_KEY")).isEqualTo("order_code, line");
        assertThat(latest.schema()).extracting(Column::name, Column::type).startsWith(
                org.assertj.core.groups.Tuple.tuple("line", "Int32"), org.assertj.core.groups.Tuple.tuple("order_code", "String"),
                org.assertj.core.groups.Tuple.tuple("amount", "Nullable(Decimal(10, 2))"),
                org.assertj.core.groups.Tuple.tuple("shipped", "Nullable(Date32)"));
        assertThat(files.get(2).nodes().get(0).sql()).contains("assumeNotNull(line) AS line", "assumeNotNull(order_code) AS order_code",
                "toDecimal128OrNull(amount, 2) AS amount",
                "WHERE " + names.raw() + ".order_code IS NOT NULL AND " + names.raw() + ".line IS NOT NULL")
                .as("the raw columns, qualified: a bare name would be the SELECT's assumeNotNull alias in ClickHouse")
                .doesNotContain("WHERE order_code");
        assertThat(files.get(3).nodes().get(0).sql()).endsWith("ORDER BY order_code, line");
        for (Datafile file : files) {
            String text = DatafileRenderer.render(file);
            assertThat(DatafileRenderer.render(DatafileParser.parse(file.fileName(), text))).as("reads back").isEqualTo(text);
        }
        // a converted key is checked as converted, as the local replica does: a value toDecimal128OrNull cannot read skips the event
        ReplicaNames prices = ReplicaNames.of(kind, "gen_prices");
        assertThat(DatafileGenerator.generate(SchemaReader.read(target.get().database("gen_prices")), prices, "t", "confluent")
                .get(2).nodes().get(0).sql()).contains("assumeNotNull(toDecimal128OrNull(price, 2)) AS price",
                        "WHERE toDecimal128OrNull(" + prices.raw() + ".price, 2) IS NOT NULL");
        TestDatabases.execute(db, "DROP TABLE gen_orders", "DROP TABLE gen_prices");
    }


}
