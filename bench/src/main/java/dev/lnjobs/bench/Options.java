package dev.lnjobs.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The bench's command line; every option has a default sized for a 2-core machine (about 12 min in all). */
record Options(int clients, int warmupSeconds, int lifecycleSeconds, List<Integer> pollIntervals,
               int openLoopSeconds, double openLoopShare, int creates, int readRate, int readSeconds,
               int storeSeconds, int replayEvents, String databaseUrl, String serverJar, String baselineJar,
               Set<String> baselinePhases, String out, String jfr, List<String> serverOptions, Set<String> phases,
               boolean launchPrepared, int abRounds) {

    static final Set<String> ALL_PHASES = Set.of("lifecycles", "creations", "reads", "store", "replay");

    static Options parse(String[] args) {
        int clients = 16;
        int warmupSeconds = 90;
        int lifecycleSeconds = 30;
        List<Integer> pollIntervals = List.of(2, 200);
        int openLoopSeconds = 30;
        double openLoopShare = 0.5;
        int creates = 1000;
        int readRate = 1000;
        int readSeconds = 10;
        int storeSeconds = 10;
        int replayEvents = 100_000;
        String databaseUrl = null;
        String serverJar = "server/target/server-0.1.0-SNAPSHOT.jar";
        String baselineJar = null;
        Set<String> baselinePhases = Set.of("lifecycles", "creations", "reads");
        String out = "bench/target/bench-results.json";
        String jfr = null;
        List<String> serverOptions = new ArrayList<>();
        Set<String> phases = ALL_PHASES;
        boolean launchPrepared = true;
        int abRounds = 0;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value; " + usage());
            }
            String value = args[++i];
            switch (option) {
                case "--clients" -> clients = Integer.parseInt(value);
                case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(value);
                case "--lifecycle-seconds" -> lifecycleSeconds = Integer.parseInt(value);
                case "--poll-ms" -> pollIntervals = value.equals("none") ? List.of()
                        : Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
                case "--open-loop-seconds" -> openLoopSeconds = Integer.parseInt(value);
                case "--open-loop-share" -> openLoopShare = Double.parseDouble(value);
                case "--creates" -> creates = Integer.parseInt(value);
                case "--read-rate" -> readRate = Integer.parseInt(value);
                case "--read-seconds" -> readSeconds = Integer.parseInt(value);
                case "--store-seconds" -> storeSeconds = Integer.parseInt(value);
                case "--replay-events" -> replayEvents = Integer.parseInt(value);
                case "--database-url" -> databaseUrl = value;
                case "--server-jar" -> serverJar = value;
                case "--baseline-jar" -> baselineJar = value;
                case "--baseline-phases" -> baselinePhases = Set.of(value.split(","));
                case "--out" -> out = value;
                case "--jfr" -> jfr = value;
                case "--server-option" -> serverOptions.add(value);
                case "--phases" -> phases = Set.of(value.split(","));
                case "--ab-rounds" -> abRounds = Integer.parseInt(value);
                case "--launch" -> launchPrepared = switch (value) {
                    case "prepared" -> true;
                    case "jar" -> false;
                    default -> throw new IllegalArgumentException("--launch is prepared or jar");
                };
                default -> throw new IllegalArgumentException("unknown option " + option + "; " + usage());
            }
        }
        if (!ALL_PHASES.containsAll(phases) || !ALL_PHASES.containsAll(baselinePhases)) {
            throw new IllegalArgumentException("phases are " + ALL_PHASES + "; " + usage());
        }
        if (pollIntervals.stream().anyMatch(ms -> ms <= 0)) {
            throw new IllegalArgumentException("--poll-ms takes intervals > 0 (or none); " + usage());
        }
        return new Options(clients, warmupSeconds, lifecycleSeconds, pollIntervals, openLoopSeconds, openLoopShare,
                creates, readRate, readSeconds, storeSeconds, replayEvents, databaseUrl, serverJar, baselineJar,
                baselinePhases, out, jfr, List.copyOf(serverOptions), phases, launchPrepared, abRounds);
    }

    private static String usage() {
        return "options: --clients N --warmup-seconds S --lifecycle-seconds S --poll-ms LIST|none "
                + "--open-loop-seconds S --open-loop-share F --creates N --read-rate N --read-seconds N "
                + "--store-seconds N --replay-events N --database-url URL --server-jar PATH --baseline-jar PATH "
                + "--baseline-phases LIST --out PATH --jfr PATH --server-option JVM-OPTION (repeatable) "
                + "--phases lifecycles,creations,reads,store,replay --launch prepared|jar --ab-rounds N";
    }

    /** The options for the baseline server: the same, with its jar and phases. */
    Options forBaseline() {
        return new Options(clients, warmupSeconds, lifecycleSeconds, pollIntervals, openLoopSeconds, openLoopShare,
                creates, readRate, readSeconds, storeSeconds, replayEvents, databaseUrl, baselineJar, null,
                baselinePhases, out, null, serverOptions, baselinePhases, launchPrepared, 0);
    }

    /** The options of one alternating round against {@code jar}: the long-poll closed loop only, nothing else. */
    Options forRound(String jar) {
        return new Options(clients, warmupSeconds, lifecycleSeconds, List.of(), 0, openLoopShare, creates, readRate,
                readSeconds, storeSeconds, replayEvents, databaseUrl, jar, null, Set.of(), out, null, serverOptions,
                Set.of("lifecycles"), launchPrepared, 0);
    }

    Map<String, Object> describe(boolean embedded) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("clients", clients);
        described.put("warmupSeconds", warmupSeconds);
        described.put("lifecycleSeconds", lifecycleSeconds);
        described.put("pollIntervalsMs", pollIntervals);
        described.put("openLoopSeconds", openLoopSeconds);
        described.put("openLoopShare", openLoopShare);
        described.put("creates", creates);
        described.put("readRate", readRate);
        described.put("readSeconds", readSeconds);
        described.put("storeSeconds", storeSeconds);
        described.put("replayEvents", replayEvents);
        described.put("serverJar", serverJar);
        described.put("baselineJar", baselineJar);
        described.put("baselinePhases", baselineJar == null ? List.of() : baselinePhases);
        described.put("serverOptions", serverOptions);
        described.put("phases", phases);
        described.put("abRounds", abRounds);
        described.put("launch", launchPrepared ? "deploy/prepare-app.sh layout with class data archive" : "java -jar");
        described.put("database", embedded ? "embedded PostgreSQL (zonky, synchronous_commit=on)" : "given");
        return described;
    }
}
