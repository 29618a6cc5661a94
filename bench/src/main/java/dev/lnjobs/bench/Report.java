package dev.lnjobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of a run: one table against the targets on stdout, everything in a JSON file. */
final class Report {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String[]> table = new ArrayList<>();
    private Report baseline;

    void put(String key, Object value) {
        results.put(key, value);
    }

    Object get(String key) {
        return results.get(key);
    }

    /** A row of the table; {@code met} null for a figure without a target. */
    void row(String figure, String value, String target, Boolean met) {
        table.add(new String[]{figure, value, target, met == null ? "-" : met ? "yes" : "NO"});
    }

    /** The same figures of the baseline server: its results go under "baseline", its values in a column. */
    void baseline(Report figures) {
        this.baseline = figures;
        results.put("baseline", figures.results);
    }

    /** The baseline's value of a figure of this table, or "" (no baseline, or a figure it has not measured). */
    private String baselineValue(String figure) {
        if (baseline == null) {
            return "";
        }
        return baseline.table.stream().filter(r -> r[0].equals(figure)).map(r -> r[1]).findFirst().orElse("");
    }

    void print() {
        int w0 = 10;
        int w1 = 5;
        int w2 = 6;
        int wb = 8;
        for (String[] r : table) {
            w0 = Math.max(w0, r[0].length());
            w1 = Math.max(w1, r[1].length());
            w2 = Math.max(w2, r[2].length());
            wb = Math.max(wb, baselineValue(r[0]).length());
        }
        System.out.println();
        if (baseline == null) {
            String format = "| %-" + w0 + "s | %-" + w1 + "s | %-" + w2 + "s | %-4s |%n";
            System.out.printf(format, "figure", "value", "target", "met?");
            System.out.printf("|%s|%s|%s|------|%n", "-".repeat(w0 + 2), "-".repeat(w1 + 2), "-".repeat(w2 + 2));
            for (String[] r : table) {
                System.out.printf(format, (Object[]) r);
            }
        } else {
            String format = "| %-" + w0 + "s | %-" + w1 + "s | %-" + wb + "s | %-" + w2 + "s | %-4s |%n";
            System.out.printf(format, "figure", "value", "baseline", "target", "met?");
            System.out.printf("|%s|%s|%s|%s|------|%n", "-".repeat(w0 + 2), "-".repeat(w1 + 2),
                    "-".repeat(wb + 2), "-".repeat(w2 + 2));
            for (String[] r : table) {
                System.out.printf(format, r[0], r[1], baselineValue(r[0]), r[2], r[3]);
            }
        }
        System.out.println();
        System.out.println("machine: " + results.get("machine"));
    }

    void write(String out) throws IOException {
        Path path = Path.of(out);
        Files.createDirectories(path.toAbsolutePath().getParent());
        results.put("table", table.stream().map(r -> Map.of("figure", r[0], "value", r[1],
                "baseline", baselineValue(r[0]), "target", r[2], "met", r[3])).toList());
        JSON.writerWithDefaultPrettyPrinter().writeValue(path.toFile(), results);
        System.out.println("results written to " + path.toAbsolutePath());
    }

    static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("nproc", Runtime.getRuntime().availableProcessors());
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    machine.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
            machine.put("loadavgAtStart", Files.readString(Path.of("/proc/loadavg")).trim());
        } catch (IOException e) {
            machine.put("cpu", "unknown");
        }
        machine.put("java", System.getProperty("java.version"));
        machine.put("takenAt", Instant.now().toString());
        return machine;
    }

    /** p50/p90/p99/max/mean of a histogram recorded in microseconds, in milliseconds. */
    static Map<String, Object> millis(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50", h.getValueAtPercentile(50) / 1000.0);
        m.put("p90", h.getValueAtPercentile(90) / 1000.0);
        m.put("p99", h.getValueAtPercentile(99) / 1000.0);
        m.put("max", h.getMaxValue() / 1000.0);
        m.put("mean", h.getMean() / 1000.0);
        return m;
    }

    static String ms(Histogram h, double percentile) {
        return fmt(h.getValueAtPercentile(percentile) / 1000.0, 1);
    }

    static String p50p99max(Histogram h) {
        return ms(h, 50) + " / " + ms(h, 99) + " / " + fmt(h.getMaxValue() / 1000.0, 1) + " ms";
    }

    static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    static long micros(long startNanos) {
        return Math.max(0, (System.nanoTime() - startNanos) / 1000);
    }
}
