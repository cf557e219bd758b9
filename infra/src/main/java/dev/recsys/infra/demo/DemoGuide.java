package dev.recsys.infra.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The text printed once the demo is ready: how long start-up took and what to open or curl.
 * Kept apart from the launching so it can be checked without starting anything.
 */
final class DemoGuide {

    /** The simulator's shoppers are named shopper-1 .. shopper-N. */
    static final String SHOPPER = "shopper-1";

    /** The fixed admin token the demo's index service is started with (a demo only: choose your own). */
    static final String ADMIN_TOKEN = "demo-admin-token";

    private DemoGuide() {}

    /**
     * One of the demo's processes as the guide lists it.
     *
     * @param pid its process id, empty if it is being restarted
     */
    record Process(String name, OptionalLong pid, Path log) {}

    static String render(
            double startSeconds,
            String baseUrl,
            String bootstrapServers,
            String itemId,
            String searchWord,
            Path dataDir,
            List<Process> processes,
            Optional<String> jobMetricsUrl) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "recsys demo ready in %.1f s%n%n", startSeconds));
        pages(s, baseUrl);
        shopperCommands(s, baseUrl, itemId, searchWord);
        operatorCommands(s, baseUrl, bootstrapServers);
        whereThingsAre(s, baseUrl, bootstrapServers, dataDir, processes, jobMetricsUrl);
        s.append("\nPress Ctrl-C to stop.\n");
        return s.toString();
    }

    /** The two pages to open in a browser. */
    private static void pages(StringBuilder s, String baseUrl) {
        s.append("  Open in a browser:\n");
        s.append("    storefront        ")
                .append(baseUrl)
                .append("/?user=")
                .append(SHOPPER)
                .append('\n');
        s.append("    operator console  ")
                .append(baseUrl)
                .append("/console   (admin token ")
                .append(ADMIN_TOKEN)
                .append(")\n\n");
        s.append("  Or with curl:\n");
    }

    /** What a shopper sees: a feed, a search, and an event that changes a new shopper's feed. */
    private static void shopperCommands(StringBuilder s, String baseUrl, String itemId, String searchWord) {
        String event = "{\"eventId\":\"e1\",\"userId\":\"new-shopper\",\"itemId\":\"" + itemId
                // The shell fills in the current time, so the command works whenever it is pasted.
                + "\",\"type\":\"view\",\"ts\":'$(date +%s000)'}";
        s.append("  Feed of a simulated shopper (shopper-1 .. shopper-N):\n");
        s.append("    curl '")
                .append(baseUrl)
                .append("/v1/feed?user=")
                .append(SHOPPER)
                .append("&explain=true'\n");
        s.append("  Search, personalised for that shopper:\n");
        s.append("    curl '")
                .append(baseUrl)
                .append("/v1/search?q=")
                .append(searchWord)
                .append("&user=")
                .append(SHOPPER)
                .append("'\n");
        s.append("  Send an event for a new shopper, then see their feed change:\n");
        s.append("    curl -X POST ")
                .append(baseUrl)
                .append("/v1/events -H 'Content-Type: application/json' \\\n")
                .append("         -d '")
                .append(event)
                .append("'\n");
        s.append("    curl '").append(baseUrl).append("/v1/feed?user=new-shopper'\n");
    }

    /** What an operator does: status, reindex, rollback, a shopper's record and erasure, CF training. */
    private static void operatorCommands(StringBuilder s, String baseUrl, String bootstrapServers) {
        s.append("  Operators (admin token ").append(ADMIN_TOKEN).append("): status, a reindex, a rollback:\n");
        s.append("    curl -H 'Authorization: Bearer ")
                .append(ADMIN_TOKEN)
                .append("' ")
                .append(baseUrl)
                .append("/v1/admin/status\n");
        s.append("    curl -X POST -H 'Authorization: Bearer ")
                .append(ADMIN_TOKEN)
                .append("' ")
                .append(baseUrl)
                .append("/v1/admin/reindex -d '{\"format\":\"generated\",\"count\":6000,\"seed\":7}'\n");
        s.append("    curl -X POST -H 'Authorization: Bearer ")
                .append(ADMIN_TOKEN)
                .append("' ")
                .append(baseUrl)
                .append("/v1/admin/rollback\n");
        s.append("  A shopper's record, and erasing them everywhere (admin token):\n");
        s.append("    curl -H 'Authorization: Bearer ")
                .append(ADMIN_TOKEN)
                .append("' ")
                .append(baseUrl)
                .append("/v1/users/new-shopper\n");
        s.append("    curl -X DELETE -H 'Authorization: Bearer ")
                .append(ADMIN_TOKEN)
                .append("' ")
                .append(baseUrl)
                .append("/v1/admin/users/new-shopper\n");
        s.append("  Collaborative filtering: after a minute of simulated shopping, train ALS on the events and make\n")
                .append("  it live (feeds then add knn-cf and similar-shoppers candidates):\n");
        s.append("    ./recsys train --bootstrap-servers ")
                .append(bootstrapServers)
                .append(" --server ")
                .append(baseUrl)
                .append(" --token ")
                .append(ADMIN_TOKEN)
                .append('\n');
    }

    /** Where the metrics, Kafka, the data and the processes' logs are. */
    private static void whereThingsAre(
            StringBuilder s,
            String baseUrl,
            String bootstrapServers,
            Path dataDir,
            List<Process> processes,
            Optional<String> jobMetricsUrl) {
        s.append("  Metrics for Prometheus: ").append(baseUrl).append("/metrics (the service)");
        jobMetricsUrl.ifPresent(url -> s.append(", ").append(url).append(" (the stream job)"));
        s.append('\n');
        s.append("  Kafka:  ").append(bootstrapServers).append('\n');
        s.append("  Data:   ")
                .append(DemoData.shown(dataDir))
                .append(" (kept for the next run: shoppers, catalog, stream-job checkpoints;")
                .append(" ./recsys demo --fresh starts clean)\n");
        s.append("  Processes (one that dies is started again):\n");
        for (Process process : processes) {
            s.append(String.format(
                    Locale.ROOT,
                    "    %-14s %-11s log %s%n",
                    process.name(),
                    process.pid().isPresent() ? "pid " + process.pid().getAsLong() : "restarting",
                    DemoData.shown(process.log())));
        }
    }
}
