package dev.recsys.infra.demo;

import dev.recsys.infra.BrokerStartException;
import dev.recsys.infra.KafkaBroker;
import dev.recsys.infra.process.ChildJvm;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The Kafka broker, started again on the same data folder and port; its records are kept there. */
final class BrokerPart implements DemoPart {

    private final Path dataDir;
    private final int port;
    private volatile KafkaBroker broker;

    BrokerPart(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String description() {
        return "Kafka on " + bootstrapServers();
    }

    @Override
    public void start() throws DemoFailure {
        try {
            broker = KafkaBroker.builder()
                    .dataDir(dataDir)
                    .port(port)
                    .stopOnJvmExit(false) // stopped last by the demo, after the service and the job
                    .start();
        } catch (BrokerStartException e) {
            throw new DemoFailure(e.getMessage(), e);
        }
    }

    @Override
    public boolean isAlive() {
        return broker != null && broker.isAlive();
    }

    @Override
    public OptionalLong pid() {
        return isAlive() ? OptionalLong.of(broker.pid()) : OptionalLong.empty();
    }

    @Override
    public String howItEnded() {
        return "exited";
    }

    @Override
    public boolean worthRestarting() {
        return true;
    }

    @Override
    public Path logFile() {
        return dataDir.resolve("broker.log");
    }

    @Override
    public String tailOfLog(int lines) {
        return ChildJvm.tailOf(logFile(), lines);
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private String bootstrapServers() {
        return "127.0.0.1:" + port;
    }
}
