package dev.recsys.index;

import dev.recsys.cli.Cli;

/** Runs the index service: {@code recsys serve (--catalog FILE.jsonl | --demo) [flags]}; see {@link ServiceCommand}. */
public final class ServiceMain {

    private ServiceMain() {}

    public static void main(String[] args) throws Exception {
        int code = Cli.run(new ServiceCommand(), args, System.getenv(), System.out, System.err);
        if (code != 0) {
            // Not after a stop: the shutdown hook that closed the service is still running then.
            System.exit(code);
        }
    }
}
