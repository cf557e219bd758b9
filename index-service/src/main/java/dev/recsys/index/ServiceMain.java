package dev.recsys.index;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the index service: {@code index-service (--catalog FILE.jsonl | --demo) [flags]}; see {@link ServiceConfig}. */
public final class ServiceMain {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceMain.class);

    private ServiceMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(ServiceConfig.USAGE);
            return;
        }
        ServiceConfig config;
        try {
            config = ServiceConfig.parse(args);
        } catch (ServiceConfig.UsageException e) {
            System.err.println("index-service: " + e.getMessage());
            System.err.print(ServiceConfig.USAGE);
            System.exit(2);
            return;
        }
        IndexService service = new IndexService(config);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "index-service-shutdown"));
        try {
            service.start();
        } catch (Exception e) {
            LOG.error("index-service could not start: {}", e.getMessage(), e);
            service.close();
            System.exit(1);
        }
        service.await();
    }
}
