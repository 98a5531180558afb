package io.conveyor.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

/**
 * Runs one benchmark job in DuckDB (in-memory, through JDBC) as a whole process, the peer
 * Conveyor is measured against: the same input files, the same result written as CSV with a
 * header. DuckDB reads the files with its own type detection, as a user would.
 *
 * <p>Usage: {@code java -cp conveyor-bench.jar:lib/* io.conveyor.bench.DuckJob JOB DATA_DIR OUT_CSV}
 */
public final class DuckJob {
    /** One query per job of {@code shared/bench/JOBS.md}; {@code {data}} is the data directory. */
    static final Map<String, String> QUERIES = Map.of(
            "j1", "SELECT id, user_id, amount, country FROM read_csv('{data}/orders.csv') "
                    + "WHERE amount >= 100 AND country IN ('US', 'DE', 'FR', 'GB', 'JP')",
            "j2", "SELECT country, category, sum(amount) AS total_amount, count(*) AS orders, "
                    + "avg(quantity) AS avg_quantity FROM read_csv('{data}/orders.csv') "
                    + "GROUP BY country, category ORDER BY country, category",
            "j3", "SELECT * FROM read_json('{data}/orders.jsonl', format = 'newline_delimited')",
            "j4", "SELECT o.id, o.user_id, u.name, u.tier, o.country, o.amount "
                    + "FROM read_csv('{data}/orders.csv') o JOIN read_csv('{data}/users.csv') u ON o.user_id = u.user_id "
                    + "WHERE u.tier = 'gold' ORDER BY o.amount DESC, o.id ASC LIMIT 1000",
            // bench/run's start-up measurement: the 3-line file it writes, copied to /dev/stdout.
            "startup", "SELECT * FROM read_csv('{data}/tiny.csv')");

    private DuckJob() {
    }

    /**
     * @param args job id, data directory, output CSV file
     * @throws Exception if DuckDB fails; the process then exits non-zero with the message
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !QUERIES.containsKey(args[0])) {
            System.err.println("usage: DuckJob j1|j2|j3|j4|startup DATA_DIR OUT_CSV");
            System.exit(2);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute(copyStatement(args[0], Path.of(args[1]), Path.of(args[2])));
        }
    }

    /** @return the statement that runs the job and writes its result as CSV with a header */
    static String copyStatement(String job, Path data, Path out) {
        String query = QUERIES.get(job).replace("{data}", sqlText(data.toAbsolutePath().toString()));
        return "COPY (" + query + ") TO '" + sqlText(out.toAbsolutePath().toString()) + "' (FORMAT csv, HEADER true)";
    }

    /** @return the text with single quotes doubled, for a SQL string literal */
    private static String sqlText(String s) {
        return s.replace("'", "''");
    }
}
