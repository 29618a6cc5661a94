package dev.lnjobs.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.lnjobs.bench.Report.fmt;

/**
 * {@code --ab-rounds N}: after the main run, N rounds of the long-poll closed loop alone, each the jar under test
 * and then the baseline, each on a fresh server and database after the same warm-up. Runs of one jar move by up to
 * a fifth on a shared two-core machine; the rounds put the ratios of several such pairs beside the main run's one,
 * with their median, so a ratio at a target's edge can be told from a ratio that holds.
 */
final class AbRounds {

    private AbRounds() {
    }

    static void run(Options options, String adminUrl, String suffix, long postmasterPid, Report report)
            throws Exception {
        List<Map<String, Object>> rounds = new ArrayList<>();
        List<Double> speedups = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        for (int i = 1; i <= options.abRounds(); i++) {
            System.err.printf("[bench] alternating round %d of %d%n", i, options.abRounds());
            Map<String, Object> now = longPoll(options.forRound(options.serverJar()), "server", adminUrl,
                    suffix + "r" + i, postmasterPid);
            Map<String, Object> before = longPoll(options.forRound(options.baselineJar()), "baseline", adminUrl,
                    suffix + "rb" + i, postmasterPid);
            double speedup = (double) now.get("lifecyclesPerSecond") / (double) before.get("lifecyclesPerSecond");
            double cpuRatio = Bench.cpuServerAndPostgres(now) / Bench.cpuServerAndPostgres(before);
            speedups.add(speedup);
            cpuRatios.add(cpuRatio);
            Map<String, Object> round = new LinkedHashMap<>();
            round.put("lifecyclesPerSecond", now.get("lifecyclesPerSecond"));
            round.put("baselineLifecyclesPerSecond", before.get("lifecyclesPerSecond"));
            round.put("cpuMsPerLifecycle", now.get("cpuMsPerLifecycle"));
            round.put("baselineCpuMsPerLifecycle", before.get("cpuMsPerLifecycle"));
            round.put("speedup", speedup);
            round.put("cpuRatio", cpuRatio);
            rounds.add(round);
        }
        report.put("alternatingRounds", rounds);
        String name = "   " + rounds.size() + " alternating rounds, long poll: ";
        report.row(name + "lifecycles/s / baseline's, min / median / max", spread(speedups, 1, 2, " x"), ">= 2 x",
                median(speedups) >= 2);
        report.row(name + "CPU (server + PostgreSQL) / baseline's, min / median / max",
                spread(cpuRatios, 100, 0, " %"), "<= 50 %", median(cpuRatios) <= 0.5);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> longPoll(Options options, String name, String adminUrl, String suffix,
                                                long postmasterPid) throws Exception {
        Report round = new Report();
        Bench.measure(options, new LaunchedServer(options, name), adminUrl, suffix, postmasterPid, round);
        return (Map<String, Object>) ((Map<String, Object>) round.get("lifecycle")).get("longPoll");
    }

    private static String spread(List<Double> values, double scale, int digits, String unit) {
        List<Double> sorted = values.stream().sorted().toList();
        return fmt(sorted.get(0) * scale, digits) + " / " + fmt(median(values) * scale, digits) + " / "
                + fmt(sorted.get(sorted.size() - 1) * scale, digits) + unit;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
