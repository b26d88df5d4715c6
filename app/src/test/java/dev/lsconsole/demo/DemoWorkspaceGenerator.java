package dev.lsconsole.demo;

import dev.lsconsole.testing.Dbs;
import dev.lsconsole.testing.Litestream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Regenerates the bundled demo workspace (app/src/main/resources/dev/lsconsole/demo/) with the real
 * litestream v0.3.13: a small shop database replicated to a file replica while it is used, then an
 * accident (a bad cleanup job deletes invoices) and a later migration adding a column. The replica's
 * objects, the manifest of their modification times (their timeline) and the damaged live database are
 * written to the resources. Run: {@code mvn -B -q test-compile exec:java -f app/pom.xml
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.lsconsole.demo.DemoWorkspaceGenerator}
 */
public final class DemoWorkspaceGenerator {
    private DemoWorkspaceGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "app/src/main/resources/dev/lsconsole/demo");
        Path work = Files.createTempDirectory("lsc-demo-gen-");
        Path db = work.resolve("shop.db");
        Path replica = work.resolve("replica");
        Path config = Files.writeString(work.resolve("litestream.yml"), "dbs:\n  - path: " + db
                + "\n    monitor-interval: 50ms\n    min-checkpoint-page-count: 30\n    replicas:\n      - type: file\n"
                + "        path: " + replica + "\n        sync-interval: 50ms\n");
        Dbs.exec(db, "CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, "
                + "plan TEXT NOT NULL)", "CREATE TABLE invoices(id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL "
                + "REFERENCES customers(id), amount REAL NOT NULL, issued_at TEXT NOT NULL, note TEXT)");
        Process ls = Litestream.start(work, Map.of(), work.resolve("replicate.log"), "replicate", "-config",
                config.toString());
        Instant accident;
        try {
            Thread.sleep(1500);
            Random r = new Random(2026);
            String[] names = {"Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Edsger",
                "Radia", "Tim", "Hedy"};
            try (Connection c = Dbs.open(db)) {
                c.setAutoCommit(false);
                PreparedStatement cust = c.prepareStatement("INSERT INTO customers(name, email, plan) VALUES (?, ?, ?)");
                PreparedStatement inv = c.prepareStatement(
                        "INSERT INTO invoices(customer_id, amount, issued_at, note) VALUES (?, ?, ?, ?)");
                for (int i = 0; i < 40; i++) {
                    String n = names[i % names.length] + " " + (char) ('A' + i % 26) + ".";
                    cust.setString(1, n);
                    cust.setString(2, n.toLowerCase().replace(" ", ".").replace("..", ".") + i + "@example.com");
                    cust.setString(3, i % 5 == 0 ? "enterprise" : i % 2 == 0 ? "team" : "starter");
                    cust.executeUpdate();
                    for (int k = 0; k < 3; k++) {
                        inv.setInt(1, i + 1);
                        inv.setDouble(2, Math.round(r.nextDouble() * 50000) / 100.0);
                        inv.setString(3, "2026-11-" + String.format("%02d", 1 + (i + k) % 24));
                        inv.setString(4, k == 0 ? "first invoice" : null);
                        inv.executeUpdate();
                    }
                    c.commit();
                    Thread.sleep(250);
                }
            }
            Thread.sleep(1500);
            accident = Instant.now();
            // The accident: a cleanup job meant for test accounts deletes the invoices of every team customer.
            Dbs.exec(db, "DELETE FROM invoices WHERE customer_id IN (SELECT id FROM customers WHERE plan = 'team')");
            Thread.sleep(1500);
            // Later, a release adds a column (the app's idempotent migration) and business goes on.
            Dbs.exec(db, "ALTER TABLE customers ADD COLUMN confirmed BOOLEAN NOT NULL DEFAULT FALSE",
                    "UPDATE customers SET confirmed = TRUE WHERE id % 3 = 0",
                    "INSERT INTO invoices(customer_id, amount, issued_at, note) VALUES (1, 99.5, '2026-11-25', 'after')");
            Thread.sleep(1500);
        } finally {
            ls.destroy();
            ls.waitFor(30, TimeUnit.SECONDS);
        }
        // Write the workspace: replica objects, their times, the live database as it is now.
        Litestream.deleteTree(out);
        Files.createDirectories(out);
        List<String> manifest = new ArrayList<>();
        try (var s = Files.walk(replica)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String rel = replica.relativize(p).toString();
                Path to = out.resolve("replica").resolve(rel);
                Files.createDirectories(to.getParent());
                Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                manifest.add(rel + "\t" + Files.getLastModifiedTime(p).toInstant());
            }
        }
        try (Connection c = Dbs.open(db); Statement st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            st.execute("VACUUM INTO '" + out.resolve("live.db") + "'");
        }
        Files.write(out.resolve("manifest.tsv"), manifest);
        Files.writeString(out.resolve("accident.txt"), accident + "\n");
        System.out.println("demo workspace: " + manifest.size() + " objects, accident at " + accident + " -> " + out);
        Litestream.deleteTree(work);
    }
}
