package dev.recsys.index;

import dev.recsys.index.feed.ProtectedGroup;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The service's settings, from command-line flags. Every flag has a default (listed in {@link
 * #USAGE}); a bad value is rejected with a message naming the flag.
 *
 * @param bootstrapServers {@code --bootstrap-servers}: Kafka brokers, default {@value
 *     #DEFAULT_BOOTSTRAP_SERVERS}
 * @param httpPort {@code --http-port}: HTTP port (all interfaces), 0 picks a free one; default
 *     {@value #DEFAULT_HTTP_PORT}
 * @param catalog {@code --catalog}: a catalog file (JSON Lines), or {@code null} with {@code --demo}
 * @param dataDir {@code --data}: where index generations live, default {@value #DEFAULT_DATA_DIR}
 * @param demo {@code --demo}: generate a sample catalog (unless {@code --catalog} is given) and run
 *     the shopper simulator
 * @param simulatedShoppers {@code --simulated-shoppers}: shoppers the demo simulates, default
 *     {@value #DEFAULT_SIMULATED_SHOPPERS}
 * @param simulatorRate {@code --simulator-rate}: events per second the demo produces, default
 *     {@value #DEFAULT_SIMULATOR_RATE}
 * @param adminToken {@code --admin-token}, else the environment variable {@value #ADMIN_TOKEN_ENV}: the
 *     bearer token of the admin endpoints; {@code null} makes the service generate one and log it once
 * @param protectedGroup {@code --protected-group}: the items the fairness pass protects, {@code
 *     tier:small[,…]}, {@code new:P30D} or {@code long-tail:1000} (see {@link
 *     dev.recsys.index.feed.ProtectedGroup}); default {@value #DEFAULT_PROTECTED_GROUP}
 */
public record ServiceConfig(
        String bootstrapServers,
        int httpPort,
        Path catalog,
        Path dataDir,
        boolean demo,
        int simulatedShoppers,
        double simulatorRate,
        String adminToken,
        ProtectedGroup.Spec protectedGroup) {

    /** The environment variable read when {@code --admin-token} is not given. */
    public static final String ADMIN_TOKEN_ENV = "RECSYS_ADMIN_TOKEN";

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final String DEFAULT_DATA_DIR = "./data/service";
    public static final int DEFAULT_SIMULATED_SHOPPERS = 50;
    public static final double DEFAULT_SIMULATOR_RATE = 20;
    public static final String DEFAULT_PROTECTED_GROUP = "tier:small";

    /** The demo catalog: size and seed of the generated sample. */
    public static final int DEMO_CATALOG_SIZE = 6_000;

    public static final long DEMO_CATALOG_SEED = 42;

    public static final int MAX_SIMULATED_SHOPPERS = 100_000;
    public static final double MAX_SIMULATOR_RATE = 10_000;

    public static final String USAGE =
            """
            usage: index-service (--catalog FILE.jsonl | --demo) [flags]
              --bootstrap-servers HOST:PORT[,...]  Kafka brokers (default 127.0.0.1:9092)
              --http-port N                        HTTP port, 0 for any free port (default 8080)
              --catalog FILE.jsonl                 the catalog to index, one item per line
              --data DIR                           index generations go to DIR/index/gen-<n> (default ./data/service)
              --demo                               sample catalog (6000 items, seed 42) unless --catalog, plus simulated shoppers
              --simulated-shoppers N               shoppers the demo simulates (default 50)
              --simulator-rate N                   events per second the demo produces (default 20)
              --admin-token TOKEN                  bearer token of /v1/admin/* (default: $RECSYS_ADMIN_TOKEN, else a random one, logged)
              --protected-group SPEC               items the fairness pass protects: tier:small[,...] | new:P30D | long-tail:1000 (default tier:small)
            """;

    public ServiceConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new UsageException("--bootstrap-servers must not be empty");
        }
        if (httpPort < 0 || httpPort > 65_535) {
            throw new UsageException("--http-port must be between 0 and 65535, got " + httpPort);
        }
        if (catalog == null && !demo) {
            throw new UsageException("--catalog FILE.jsonl is required (or --demo for a sample catalog)");
        }
        if (dataDir == null) {
            throw new UsageException("--data must name a folder");
        }
        if (simulatedShoppers < 1 || simulatedShoppers > MAX_SIMULATED_SHOPPERS) {
            throw new UsageException("--simulated-shoppers must be between 1 and " + MAX_SIMULATED_SHOPPERS + ", got "
                    + simulatedShoppers);
        }
        if (!(simulatorRate > 0) || simulatorRate > MAX_SIMULATOR_RATE) {
            throw new UsageException("--simulator-rate must be above 0 and at most " + (long) MAX_SIMULATOR_RATE
                    + " events per second, got " + simulatorRate);
        }
        if (adminToken != null && (adminToken.isBlank() || adminToken.length() > 256)) {
            throw new UsageException("--admin-token must be 1 to 256 characters");
        }
    }

    /** Parses {@code --flag value} and {@code --flag=value} arguments. */
    public static ServiceConfig parse(String... args) {
        String bootstrapServers = DEFAULT_BOOTSTRAP_SERVERS;
        int httpPort = DEFAULT_HTTP_PORT;
        Path catalog = null;
        Path dataDir = Path.of(DEFAULT_DATA_DIR);
        boolean demo = false;
        int simulatedShoppers = DEFAULT_SIMULATED_SHOPPERS;
        double simulatorRate = DEFAULT_SIMULATOR_RATE;
        String adminToken = null;
        ProtectedGroup.Spec protectedGroup = ProtectedGroup.Spec.parse(DEFAULT_PROTECTED_GROUP);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                flag = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            if (flag.equals("--demo")) {
                if (inline != null) {
                    throw new UsageException("--demo takes no value");
                }
                demo = true;
                continue;
            }
            if (!flag.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String value;
            if (inline != null) {
                value = inline;
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new UsageException(flag + " needs a value");
            }
            switch (flag) {
                case "--bootstrap-servers" -> bootstrapServers = value.strip();
                case "--http-port" -> httpPort = parseInt(flag, value);
                case "--catalog" -> catalog = parsePath(flag, value);
                case "--data" -> dataDir = parsePath(flag, value);
                case "--simulated-shoppers" -> simulatedShoppers = parseInt(flag, value);
                case "--simulator-rate" -> simulatorRate = parseDouble(flag, value);
                case "--admin-token" -> adminToken = value.strip();
                case "--protected-group" -> protectedGroup = checkProtectedGroup(flag, value.strip());
                default -> throw new UsageException("unknown flag " + flag);
            }
        }
        if (adminToken == null) {
            String fromEnv = System.getenv(ADMIN_TOKEN_ENV);
            adminToken = fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
        }
        return new ServiceConfig(
                bootstrapServers,
                httpPort,
                catalog,
                dataDir,
                demo,
                simulatedShoppers,
                simulatorRate,
                adminToken,
                protectedGroup);
    }

    private static ProtectedGroup.Spec checkProtectedGroup(String flag, String value) {
        try {
            return ProtectedGroup.Spec.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + ": " + e.getMessage());
        }
    }

    private static int parseInt(String flag, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be an integer, got '" + value + "'");
        }
    }

    private static double parseDouble(String flag, String value) {
        try {
            double parsed = Double.parseDouble(value.strip());
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException(flag + " must be a number, got '" + value + "'");
    }

    private static Path parsePath(String flag, String value) {
        if (value.isBlank()) {
            throw new UsageException(flag + " must name a file or folder");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(flag + " is not a valid path: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "bootstrap-servers=%s http-port=%d catalog=%s data=%s demo=%s simulated-shoppers=%d simulator-rate=%s"
                        + " admin-token=%s protected-group=%s",
                bootstrapServers,
                httpPort,
                catalog == null ? "(sample)" : catalog,
                dataDir,
                demo,
                simulatedShoppers,
                simulatorRate,
                adminToken == null ? "(generated)" : "(set)",
                protectedGroup);
    }

    /** A bad command line; the message names the flag. */
    public static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
