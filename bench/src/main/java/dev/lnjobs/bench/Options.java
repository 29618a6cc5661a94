package dev.lnjobs.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The bench's command line; every option has a default sized for a 2-core machine. */
record Options(int clients, int lifecycles, int warmup, int creates, int readRate, int readSeconds,
               int storeSeconds, int replayEvents, int pollMs, String databaseUrl, String serverJar, String out,
               String jfr, List<String> serverOptions, Set<String> phases, boolean launchPrepared) {

    static final Set<String> ALL_PHASES = Set.of("lifecycles", "creations", "reads", "store", "replay");

    static Options parse(String[] args) {
        int clients = 16;
        int lifecycles = 2000;
        int warmup = 3000;
        int creates = 1000;
        int readRate = 1000;
        int readSeconds = 10;
        int storeSeconds = 10;
        int replayEvents = 100_000;
        int pollMs = 0;
        String databaseUrl = null;
        String serverJar = "server/target/server-0.1.0-SNAPSHOT.jar";
        String out = "bench/target/bench-results.json";
        String jfr = null;
        List<String> serverOptions = new ArrayList<>();
        Set<String> phases = ALL_PHASES;
        boolean launchPrepared = true;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value; " + usage());
            }
            String value = args[++i];
            switch (option) {
                case "--clients" -> clients = Integer.parseInt(value);
                case "--lifecycles" -> lifecycles = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--creates" -> creates = Integer.parseInt(value);
                case "--read-rate" -> readRate = Integer.parseInt(value);
                case "--read-seconds" -> readSeconds = Integer.parseInt(value);
                case "--store-seconds" -> storeSeconds = Integer.parseInt(value);
                case "--replay-events" -> replayEvents = Integer.parseInt(value);
                case "--poll-ms" -> pollMs = Integer.parseInt(value);
                case "--database-url" -> databaseUrl = value;
                case "--server-jar" -> serverJar = value;
                case "--out" -> out = value;
                case "--jfr" -> jfr = value;
                case "--server-option" -> serverOptions.add(value);
                case "--phases" -> phases = Set.of(value.split(","));
                case "--launch" -> launchPrepared = switch (value) {
                    case "prepared" -> true;
                    case "jar" -> false;
                    default -> throw new IllegalArgumentException("--launch is prepared or jar");
                };
                default -> throw new IllegalArgumentException("unknown option " + option + "; " + usage());
            }
        }
        if (!ALL_PHASES.containsAll(phases)) {
            throw new IllegalArgumentException("phases are " + ALL_PHASES + "; " + usage());
        }
        return new Options(clients, lifecycles, warmup, creates, readRate, readSeconds, storeSeconds, replayEvents,
                pollMs, databaseUrl, serverJar, out, jfr, List.copyOf(serverOptions), phases, launchPrepared);
    }

    private static String usage() {
        return "options: --clients N --lifecycles N --warmup N --creates N --read-rate N --read-seconds N "
                + "--store-seconds N --replay-events N --poll-ms N --database-url URL --server-jar PATH --out PATH "
                + "--jfr PATH --server-option JVM-OPTION (repeatable) --phases lifecycles,creations,reads,store,replay "
                + "--launch prepared|jar";
    }

    Map<String, Object> describe(boolean embedded) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("clients", clients);
        described.put("lifecycles", lifecycles);
        described.put("warmup", warmup);
        described.put("creates", creates);
        described.put("readRate", readRate);
        described.put("readSeconds", readSeconds);
        described.put("storeSeconds", storeSeconds);
        described.put("replayEvents", replayEvents);
        described.put("watch", pollMs > 0 ? "poll every " + pollMs + " ms" : "long poll");
        described.put("serverOptions", serverOptions);
        described.put("phases", phases);
        described.put("launch", launchPrepared ? "deploy/prepare-app.sh layout with class data archive" : "java -jar");
        described.put("database", embedded ? "embedded PostgreSQL (zonky, synchronous_commit=on)" : "given");
        return described;
    }
}
