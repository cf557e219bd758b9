package dev.recsys.ingest;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the ingest job against Kafka: embedded ({@code java -cp ... dev.recsys.ingest.IngestJobMain})
 * or on an existing cluster ({@code flink run -c dev.recsys.ingest.IngestJobMain
 * ingest-job-*-flink.jar}). See {@link IngestJobOptions#usage()} for the flags.
 */
public final class IngestJobMain {
    private IngestJobMain() {}

    public static void main(String[] args) throws Exception {
        IngestJobOptions options = parseOrExit(args);
        StreamExecutionEnvironment env = Environments.forCurrentProcess(options);
        IngestJob.onKafka(options).build(env);
        env.execute(IngestJob.NAME);
    }

    private static IngestJobOptions parseOrExit(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(IngestJobOptions.usage());
            System.exit(0);
        }
        try {
            return IngestJobOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ingest job: " + e.getMessage());
            System.err.print(IngestJobOptions.usage());
            System.exit(2);
            throw e;
        }
    }
}
